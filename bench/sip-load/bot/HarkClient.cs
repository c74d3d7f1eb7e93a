using System.Net.Http.Headers;
using System.Text.Json;

namespace Hark.SipLoadBot;

/// <summary>Hark's API over one pool of keep-alive connections, with the bot's client-credentials token.</summary>
internal sealed class HarkClient : IDisposable
{
    private readonly HttpClient _http;
    private string _token = "";

    public HarkClient(Uri baseAddress, int connections)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
        };
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>POST /common/oauth2/v2.0/token (client credentials); later requests carry the token.</summary>
    public async Task SignInAsync(string clientId, string secret, CancellationToken cancellationToken)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["scope"] = _http.BaseAddress!.GetLeftPart(UriPartial.Authority) + "/.default",
        });
        using var response = await SendAsync(HttpMethod.Post, "/common/oauth2/v2.0/token", form, "", cancellationToken);
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        _token = body.RootElement.GetProperty("access_token").GetString() ?? "";
    }

    /// <summary>POSTs a JSON body (already serialised) and drains the answer.</summary>
    public async Task PostAsync(string path, byte[] json, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await SendAsync(HttpMethod.Post, path, content, _token, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
    }

    public async Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Delete, path, null, _token, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
    }

    /// <summary>GETs <paramref name="path"/> with another bearer token (a recording's) into a file.</summary>
    public async Task DownloadAsync(string path, string token, string file, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, path, null, token, cancellationToken);
        await using var output = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 0, useAsync: true);
        await response.Content.CopyToAsync(output, cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (token.Length > 0)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if ((int)response.StatusCode < 300)
        {
            return response;
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"{method} {path}: {(int)response.StatusCode} {text[..Math.Min(300, text.Length)]}");
        }
    }
}
