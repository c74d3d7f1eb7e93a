using System.Net;

namespace Hark.Integration.Harness;

/// <summary>
/// The last middleware of an SDK client: remembers each response's status code, which Kiota hides (it
/// accepts any 2xx), so a test can tell Graph's 200 from a 202.
/// </summary>
public sealed class ResponseRecorder : DelegatingHandler
{
    private HttpStatusCode? _last;

    /// <summary>The status code of the latest response.</summary>
    public HttpStatusCode? LastStatus => _last;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        _last = response.StatusCode;
        return response;
    }
}
