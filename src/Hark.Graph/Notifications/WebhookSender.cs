using System.Globalization;
using System.Net.Http.Headers;
using System.Reflection;
using Hark.Calls.Persistence;
using Hark.Graph.Auth;

namespace Hark.Graph.Notifications;

/// <summary>Makes one notification POST and reports how it went; never throws unless the caller cancels.</summary>
internal sealed class WebhookSender(
    IHttpClientFactory clients, GraphTokenService tokens, HarkBaseUrl baseUrl, WebhookOptions options, TimeProvider time)
{
    public const string HttpClientName = "hark-webhooks";
    public const string NotificationIdHeader = "X-Hark-Notification-Id";
    public const string ClientRequestIdHeader = "client-request-id";

    internal static readonly string UserAgent = "Hark/" + AssemblyVersion();

    public async Task<WebhookAttempt> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(message.TargetUri, UriKind.Absolute, out var target) ||
            (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps))
        {
            return new WebhookAttempt(false, "The target '" + Outbound.UriDisplay.Shorten(message.TargetUri) + "' is not an absolute http(s) URL.", Permanent: true);
        }

        // The per-request timeout runs on the injected clock like every other wait in the service.
        using var timeout = new CancellationTokenSource(options.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var request = CreateRequest(message, target);
            using var response = await clients.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var status = (int)response.StatusCode;
            return status is >= 200 and <= 299
                ? WebhookAttempt.Success
                : WebhookAttempt.Failure(string.Create(CultureInfo.InvariantCulture, $"HTTP {status} {response.ReasonPhrase}").TrimEnd());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return WebhookAttempt.Failure(string.Create(CultureInfo.InvariantCulture, $"No response within {options.Timeout.TotalSeconds:0.###} s."));
        }
        catch (HttpRequestException ex) when (ex.InnerException is Outbound.OutboundConnectException refused)
        {
            // The address policy refused the callback's host: retrying cannot help.
            return new WebhookAttempt(false, "The callback's " + refused.Message + ".", Permanent: true);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Connection refused, TLS, DNS, a token that cannot be issued: all are a failed attempt.
            return WebhookAttempt.Failure(Describe(ex));
        }
    }

    private HttpRequestMessage CreateRequest(OutboxMessage message, Uri target)
    {
        var token = tokens.IssueNotificationToken(message.ApplicationId, baseUrl.Current, message.Payload);
        var request = new HttpRequestMessage(HttpMethod.Post, target)
        {
            Content = new StringContent(message.Payload),
        };
        // JSON is UTF-8 by definition (RFC 8259), so no charset parameter.
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        request.Headers.TryAddWithoutValidation(NotificationIdHeader, message.Id);
        request.Headers.TryAddWithoutValidation(ClientRequestIdHeader, message.Id);
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        return request;
    }

    private static string Describe(Exception ex) =>
        ex.InnerException is { } inner && !ex.Message.Contains(inner.Message, StringComparison.Ordinal)
            ? ex.Message + " " + inner.Message
            : ex.Message;

    private static string AssemblyVersion()
    {
        var assembly = typeof(WebhookSender).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

        // Build metadata (+commit) says nothing a receiver needs.
        return informational?.Split('+')[0] is { Length: > 0 } version
            ? version
            : assembly.GetName().Version?.ToString() ?? "0.0.0";
    }
}
