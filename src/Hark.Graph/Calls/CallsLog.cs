using Microsoft.Extensions.Logging;

namespace Hark.Graph.Calls;

internal static partial class CallsLog
{
    [LoggerMessage(3001, LogLevel.Error, "Call {CallId} failed and was ended.")]
    public static partial void CallFailed(ILogger logger, string callId, Exception exception);

    [LoggerMessage(3002, LogLevel.Warning, "A background command of call {CallId} failed.")]
    public static partial void BackgroundCommandFailed(ILogger logger, string callId, Exception? exception);

    [LoggerMessage(3003, LogLevel.Warning, "Call {CallId} of application {ApplicationId} has no callback URI; its notification is dropped.")]
    public static partial void NoCallbackUri(ILogger logger, string callId, string applicationId);

    [LoggerMessage(3004, LogLevel.Information, "Call {CallId}: prompt of operation {OperationId} failed: {Reason}")]
    public static partial void PromptFailed(ILogger logger, string callId, string operationId, string reason);

    [LoggerMessage(3005, LogLevel.Information, "Incoming call {CallId} from {From} to {To} offered to application {ApplicationId}.")]
    public static partial void Offered(ILogger logger, string callId, string from, string to, string applicationId);

    [LoggerMessage(3006, LogLevel.Information, "Incoming call from {From} to {To}: no application takes that number.")]
    public static partial void NotRouted(ILogger logger, string from, string to);

    [LoggerMessage(3007, LogLevel.Warning, "Call {CallId} was left unfinished by the previous run; it is now terminated.")]
    public static partial void Recovered(ILogger logger, string callId);

    [LoggerMessage(3008, LogLevel.Warning, "Recording {RecordingId} left by the previous run cannot be read ({Reason}); its operation fails.")]
    public static partial void RecoveredRecordingUnreadable(ILogger logger, string recordingId, string reason);

    [LoggerMessage(3009, LogLevel.Error, "Closing the calls the previous run left unfinished failed; the next start tries again.")]
    public static partial void RecoveryFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3010, Message = "Call {CallId}: recording of operation {OperationId} complete, {Seconds:0.00} s, {ConcealedFrames} frames concealed for packets that never arrived")]
    public static partial void RecordingConcealed(ILogger logger, LogLevel level, string callId, string operationId, double seconds, long concealedFrames);

    [LoggerMessage(3050, LogLevel.Warning, "Call {CallId}: key presses arrive faster than {PerSecond} a second (Hark:Calls:ToneNotificationsPerSecond); the excess is not notified (counted in hark.calls.tones_dropped)")]
    public static partial void TonesDropped(ILogger logger, string callId, int perSecond);

    [LoggerMessage(3051, LogLevel.Debug, "Application {ApplicationId} has {Limit} live calls (Hark:Calls:MaxConcurrentPerApplication); a new {Direction} call is refused")]
    public static partial void ApplicationAtCapacity(ILogger logger, string applicationId, int limit, string direction);
}
