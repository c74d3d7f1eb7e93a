namespace Hark.Graph.Tests.Notifications;

/// <summary>One POST as the test receiver saw it.</summary>
internal sealed record ReceivedWebhook(
    string Path,
    string? NotificationId,
    string? ClientRequestId,
    string? Authorization,
    string? ContentType,
    string? Accept,
    string? UserAgent,
    string Body);
