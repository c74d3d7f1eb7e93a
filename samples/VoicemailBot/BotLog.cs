using Microsoft.Extensions.Logging;

namespace Hark.Samples.Voicemail;

internal static partial class BotLog
{
    [LoggerMessage(1, LogLevel.Information, "Listening for notifications at {CallbackUri}")]
    public static partial void Listening(ILogger logger, Uri callbackUri);

    [LoggerMessage(2, LogLevel.Information, "Answering call {CallId}")]
    public static partial void Answering(ILogger logger, string callId);

    [LoggerMessage(3, LogLevel.Information, "Call {CallId} established: recording")]
    public static partial void Recording(ILogger logger, string callId);

    [LoggerMessage(4, LogLevel.Information, "Call {CallId}: voicemail saved to {Path}")]
    public static partial void Saved(ILogger logger, string callId, string path);

    [LoggerMessage(5, LogLevel.Information, "Call {CallId}: no voicemail ({Status}, {Code}/{Subcode})")]
    public static partial void NoRecording(ILogger logger, string callId, string? status, int? code, int? subcode);

    [LoggerMessage(6, LogLevel.Information, "Call {CallId} ended")]
    public static partial void Ended(ILogger logger, string callId);

    [LoggerMessage(7, LogLevel.Warning, "Rejected a notification with an invalid token")]
    public static partial void BadToken(ILogger logger);

    [LoggerMessage(8, LogLevel.Error, "Handling a notification for call {CallId} failed")]
    public static partial void HandlingFailed(ILogger logger, Exception exception, string callId);
}
