using Microsoft.Extensions.Logging;

namespace Hark.Graph.Notifications;

/// <summary>Webhook delivery log messages; event ids are stable (22xx = notifications).</summary>
internal static partial class WebhookLog
{
    [LoggerMessage(2201, LogLevel.Debug, "Notification {NotificationId} of call {CallId} delivered to {Target} (attempt {Attempt})")]
    public static partial void Delivered(ILogger logger, string notificationId, string callId, string target, int attempt);

    [LoggerMessage(2202, LogLevel.Warning, "Notification {NotificationId} of call {CallId} to {Target} failed (attempt {Attempt} of {MaxAttempts}): {Error}; next attempt at {NextAttemptAt:O}")]
    public static partial void Rescheduled(
        ILogger logger, string notificationId, string callId, string target, int attempt, int maxAttempts, string error, DateTimeOffset nextAttemptAt);

    [LoggerMessage(2203, LogLevel.Error, "Notification {NotificationId} of call {CallId} to {Target} abandoned after {Attempts} attempts: {Error}")]
    public static partial void Abandoned(ILogger logger, string notificationId, string callId, string target, int attempts, string error);

    [LoggerMessage(2204, LogLevel.Error, "Reading the notification outbox failed; trying again in {Delay}")]
    public static partial void OutboxReadFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(2205, LogLevel.Error, "Recording the outcome of notification {NotificationId} of call {CallId} failed; it will be sent again")]
    public static partial void SettleFailed(ILogger logger, Exception exception, string notificationId, string callId);
}
