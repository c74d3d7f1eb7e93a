namespace Hark.Calls.Lifecycle;

/// <summary>
/// Call-end results. Graph's documented codes are reused where one fits (4521, 7000, 10037); Hark's own
/// 86xx subcodes cover outcomes Graph does not document (answer timeout, busy, no answer, declined).
/// </summary>
public static class CallResultCodes
{
    /// <summary>The other party hung up (Graph 200/4521).</summary>
    public static CallResultInfo RemoteHangUp { get; } = new(200, 4521, "The call was ended by the other party.");

    /// <summary>The bot ended the call with DELETE (Graph 200/7000).</summary>
    public static CallResultInfo EndedByBot { get; } = new(200, 7000, "The call was ended by the application.");

    /// <summary>The bot neither answered nor rejected in time (Hark 480/8601).</summary>
    public static CallResultInfo AnswerTimeout { get; } = new(480, 8601, "The application did not answer the call in time.");

    /// <summary>Graph's code for a call whose bot sent no keepAlive in time.</summary>
    public static CallResultInfo KeepAliveTimeout { get; } = new(408, 8537, "The call was ended because the application sent no keepAlive in time.");

    /// <summary>The callee was busy (Hark 486/8602).</summary>
    public static CallResultInfo Busy { get; } = new(486, 8602, "The callee is busy.");

    /// <summary>The callee did not answer (Hark 408/8603).</summary>
    public static CallResultInfo NoAnswer { get; } = new(408, 8603, "The callee did not answer.");

    /// <summary>The callee declined (Hark 603/8604).</summary>
    public static CallResultInfo Declined { get; } = new(603, 8604, "The callee declined the call.");

    /// <summary>No endpoint could be reached (Graph 480/10037).</summary>
    public static CallResultInfo Unreachable { get; } = new(480, 10037, "The callee could not be reached.");

    /// <summary>No media arrived for the configured media timeout (Graph's media failure, 410/301005).</summary>
    public static CallResultInfo MediaTimeout { get; } = new(410, 301005, "No media was received from the caller for too long.");

    /// <summary>Hark ended the call because it was shutting down (Hark 503/8605).</summary>
    public static CallResultInfo ServerStopped { get; } = new(503, 8605, "The call was ended because Hark stopped.");

    /// <summary>The call was found unfinished when Hark started again after a crash (Hark 503/8606).</summary>
    public static CallResultInfo ServerLost { get; } = new(503, 8606, "The call was lost when Hark stopped unexpectedly.");

    /// <summary>The bot redirected the ringing call elsewhere (Hark 302/8607: Graph's example shows no resultInfo then).</summary>
    public static CallResultInfo Redirected { get; } = new(302, 8607, "The call was redirected by the application.");

    /// <summary>A blind transfer succeeded and the call left Hark (Graph 0/7015).</summary>
    public static CallResultInfo TransferCompleted { get; } = new(0, 7015, "GracefulTransferCompleted");

    /// <summary>A blind transfer failed and the call stays established (Graph's 500/7000, the message saying why).</summary>
    public static CallResultInfo TransferFailed(string message) => new(500, 7000, message);

    /// <summary>The result for an outgoing call that failed to connect.</summary>
    public static CallResultInfo For(DialFailure failure) => failure switch
    {
        DialFailure.Busy => Busy,
        DialFailure.NoAnswer => NoAnswer,
        DialFailure.Declined => Declined,
        _ => Unreachable,
    };
}
