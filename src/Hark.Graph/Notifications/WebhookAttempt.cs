namespace Hark.Graph.Notifications;

/// <summary>The outcome of one POST.</summary>
/// <param name="Delivered">The receiver answered 2xx.</param>
/// <param name="Error">Why it failed: the status code or the exception; null when delivered.</param>
/// <param name="Permanent">Retrying cannot help (the target is not an http(s) URL): abandon now.</param>
internal readonly record struct WebhookAttempt(bool Delivered, string? Error, bool Permanent = false)
{
    public static WebhookAttempt Success => new(true, null);

    public static WebhookAttempt Failure(string error) => new(false, error);
}
