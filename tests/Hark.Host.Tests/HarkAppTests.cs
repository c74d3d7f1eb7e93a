using System.Net;
using System.Text.Json;
using Hark.Graph.Auth;
using Microsoft.AspNetCore.Builder;

namespace Hark.Host.Tests;

/// <summary>The real host on 127.0.0.1 (port 0), with a data directory of its own per test.</summary>
public sealed class HarkAppTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "hark-host-" + Guid.NewGuid().ToString("N"));
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _http.Dispose();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Start_NoApplicationConfigured_DevelopmentApplicationGetsATokenAndSurvivesRestart()
    {
        string firstClientId;
        await using (var app = await StartAsync())
        {
            var stored = ReadDevelopmentApplication();
            firstClientId = stored.ClientId;
            using var response = await RequestTokenAsync(BaseUrl(app), stored.ClientId, stored.ClientSecret);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, body);
            using var document = JsonDocument.Parse(body);
            Assert.Equal("Bearer", document.RootElement.GetProperty("token_type").GetString());
            Assert.Equal(3, document.RootElement.GetProperty("access_token").GetString()!.Split('.').Length);
        }

        await using (var app = await StartAsync())
        {
            var stored = ReadDevelopmentApplication();
            Assert.Equal(firstClientId, stored.ClientId);
            using var wrong = await RequestTokenAsync(BaseUrl(app), stored.ClientId, stored.ClientSecret + "x");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
    }

    [Fact]
    public async Task Start_ApplicationConfigured_UsesItAndMakesNoDevelopmentApplication()
    {
        await using var app = await StartAsync("--Hark:Applications:0:ClientId=bot", "--Hark:Applications:0:ClientSecret=s3cret");

        using var response = await RequestTokenAsync(BaseUrl(app), "bot", "s3cret");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(File.Exists(Path.Combine(_dataDirectory, DevelopmentApplication.FileName)));
    }

    [Fact]
    public async Task Version_Get_ReturnsTheAssemblyVersion()
    {
        await using var app = await StartAsync();

        var version = await _http.GetStringAsync(BaseUrl(app) + "/hark/v1/version");

        Assert.Equal(HarkApp.Version, version);
        Assert.StartsWith("0.", version, StringComparison.Ordinal);
    }

    private async Task<WebApplication> StartAsync(params string[] extra)
    {
        var app = HarkApp.Create(["--urls", "http://127.0.0.1:0", "--Hark:Sip:Port=0", $"--Hark:DataDirectory={_dataDirectory}", .. extra]);
        await app.StartAsync();
        return app;
    }

    private static string BaseUrl(WebApplication app) => app.Urls.Single();

    private Task<HttpResponseMessage> RequestTokenAsync(string baseUrl, string clientId, string secret) =>
        _http.PostAsync(baseUrl + "/common/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["scope"] = baseUrl + "/.default",
        }));

    private ApplicationRegistration ReadDevelopmentApplication()
    {
        var application = DevelopmentApplication.LoadOrCreate(_dataDirectory, out var created);
        Assert.False(created, "the host should already have created the development application");
        return application;
    }
}
