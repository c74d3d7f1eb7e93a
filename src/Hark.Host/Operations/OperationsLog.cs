namespace Hark.Host.Operations;

/// <summary>
/// The call's story at the default level, one line per event; event ids are stable (11xx = call events,
/// 12xx = operations). Numbers and ids only: never tokens, secrets, DTMF digits or callback query strings.
/// </summary>
internal static partial class OperationsLog
{
    [LoggerMessage(1101, LogLevel.Information, "Call {CallId} to {Target}: dialing for application {ApplicationId}")]
    public static partial void Dialing(ILogger logger, string callId, string target, string applicationId);

    [LoggerMessage(1102, LogLevel.Information, "Call {CallId}: answered")]
    public static partial void Answered(ILogger logger, string callId);

    [LoggerMessage(1103, LogLevel.Information, "Call {CallId}: connected")]
    public static partial void Connected(ILogger logger, string callId);

    [LoggerMessage(1104, LogLevel.Information, "Call {CallId}: {Operation} {OperationId} started")]
    public static partial void OperationStarted(ILogger logger, string callId, string operation, string operationId);

    [LoggerMessage(1105, LogLevel.Information, "Call {CallId}: {Operation} {OperationId} {Status}: {Reason} ({Code}/{Subcode}){Recording}")]
    public static partial void OperationFinished(
        ILogger logger, string callId, string operation, string operationId, string status, string reason, int code, int subcode, string recording);

    [LoggerMessage(1106, LogLevel.Information, "Call {CallId}: notification {NotificationId} ({What}) delivered to {Target} in {LatencyMilliseconds:0} ms, attempt {Attempt}")]
    public static partial void NotificationDelivered(
        ILogger logger, string callId, string notificationId, string what, string target, double latencyMilliseconds, int attempt);

    [LoggerMessage(1107, LogLevel.Information, "Call {CallId}: ended {Code}/{Subcode} \"{Message}\" after {Seconds:0.0} s")]
    public static partial void Ended(ILogger logger, string callId, int code, int subcode, string message, double seconds);

    [LoggerMessage(1201, LogLevel.Warning, "The data directory {DataDirectory} is locked by this process (hark.lock); another Hark on it stops at once")]
    public static partial void Locked(ILogger logger, string dataDirectory);

    [LoggerMessage(1202, LogLevel.Information, "Stopping: waiting up to {Seconds:0} s for {Pending} notification(s) to go out")]
    public static partial void Draining(ILogger logger, double seconds, long pending);

    [LoggerMessage(1203, LogLevel.Warning, "Stopped with {Pending} notification(s) not yet delivered; they go on the next start")]
    public static partial void DrainIncomplete(ILogger logger, long pending);

    [LoggerMessage(1204, LogLevel.Warning, "No operator configured (Hark:Operators): the development operator key in {File} opens /hark/v1/admin and /metrics to loopback callers")]
    public static partial void DevelopmentOperator(ILogger logger, string file);
}
