using System.Text.Json;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;

namespace Hark.Integration.Harness;

/// <summary>Tokens from Hark's token endpoint and Graph SDK clients pointed at Hark.</summary>
public static class GraphClients
{
    /// <summary>Client-credentials grant against {base}/common/oauth2/v2.0/token.</summary>
    public static async Task<string> GetTokenAsync(HttpClient http, Uri harkBase, string clientId, string clientSecret)
    {
        using var response = await http.PostAsync(new Uri(harkBase, "/common/oauth2/v2.0/token"), new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = clientId,
                ["client_secret"] = clientSecret,
                ["scope"] = new Uri(harkBase, "/.default").ToString(),
            }));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Token request failed: {(int)response.StatusCode} {body}");
        }

        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>
    /// The SDK client a bot would build, with its default middleware; only the base URL ({base}/v1.0 or
    /// /beta) and the bearer-token provider differ from production.
    /// </summary>
    public static GraphServiceClient Create(Uri harkBase, string token, string version = "v1.0") =>
        new(new BaseBearerTokenAuthenticationProvider(new StaticAccessTokenProvider(token, harkBase)), new Uri(harkBase, "/" + version).ToString());

    /// <summary>The same client with the SDK's default middleware followed by <paramref name="last"/>.</summary>
    public static GraphServiceClient Create(Uri harkBase, string token, string version, DelegatingHandler last)
    {
        var handlers = GraphClientFactory.CreateDefaultHandlers();
        handlers.Add(last);
        var http = GraphClientFactory.Create(handlers);
        return new(http, new BaseBearerTokenAuthenticationProvider(new StaticAccessTokenProvider(token, harkBase)), new Uri(harkBase, "/" + version).ToString());
    }
}
