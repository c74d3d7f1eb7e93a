using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Hark.Host.Tests.Security;

/// <summary>A token outlives neither its application's removal nor a restart that removed it.</summary>
public sealed class RemovedApplicationTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "hark-removed-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    [Fact]
    public async Task Request_TokenOfAnApplicationRemovedFromTheConfiguration_UnauthorizedAfterRestart()
    {
        string keptToken, removedToken;
        await using (var before = await StartAsync(["kept", "removed"]))
        {
            keptToken = await TokenAsync(before.Urls.Single(), "kept");
            removedToken = await TokenAsync(before.Urls.Single(), "removed");
            Assert.Equal(HttpStatusCode.NotFound, await GetCallAsync(before.Urls.Single(), removedToken));
        }

        await using var after = await StartAsync(["kept"]);
        var url = after.Urls.Single();

        // The signing key persisted, so both tokens are still genuine; only the kept application's still works.
        Assert.Equal(HttpStatusCode.NotFound, await GetCallAsync(url, keptToken));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetCallAsync(url, removedToken));
    }

    private async Task<Microsoft.AspNetCore.Builder.WebApplication> StartAsync(string[] applications)
    {
        string[] args =
        [
            // A fixed issuer, so tokens from before the restart (on another port) are still Hark's own.
            "--urls", "http://127.0.0.1:0", "--Hark:PublicBaseUrl=http://hark.test", "--Hark:Sip:Port=0", $"--Hark:DataDirectory={_dataDirectory}",
            .. applications.SelectMany((id, i) => new[] { $"--Hark:Applications:{i}:ClientId={id}", $"--Hark:Applications:{i}:ClientSecret=s" }),
        ];
        var app = HarkApp.Create(args);
        await app.StartAsync();
        return app;
    }

    private static async Task<string> TokenAsync(string baseUrl, string clientId)
    {
        using var http = new HttpClient();
        using var token = await http.PostAsync(baseUrl + "/common/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = "s", ["scope"] = "https://graph.microsoft.com/.default",
        }));
        return JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;
    }

    private static async Task<HttpStatusCode> GetCallAsync(string baseUrl, string token)
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.GetAsync(baseUrl + "/v1.0/communications/calls/" + Guid.NewGuid());
        return response.StatusCode;
    }
}
