using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;

namespace Hark.Host.Tests.Security;

/// <summary>The development application (every role, every number) is not used when Hark listens beyond loopback.</summary>
public sealed class DevelopmentApplicationExposureTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "hark-devexp-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", "127.0.0.1", true)]
    [InlineData("http://localhost:5080;http://[::1]:5081", "::1", true)]
    [InlineData("http://0.0.0.0:5080", "127.0.0.1", false)]
    [InlineData("http://*:5080", "127.0.0.1", false)]
    [InlineData("http://+:5080", "127.0.0.1", false)]
    [InlineData("http://[::]:5080", "127.0.0.1", false)]
    [InlineData("http://192.168.1.10:5080", "127.0.0.1", false)]
    [InlineData("http://hark.example:5080", "127.0.0.1", false)]
    [InlineData("http://127.0.0.1:5080", "0.0.0.0", false)]
    [InlineData("http://127.0.0.1:5080", "10.0.0.5", false)]
    public void ListensOnLoopbackOnly_Urls_AsExpected(string urls, string sip, bool expected) =>
        Assert.Equal(expected, HarkApp.ListensOnLoopbackOnly(urls, sip));

    [Theory]
    [InlineData(false, HttpStatusCode.Unauthorized)]
    [InlineData(true, HttpStatusCode.OK)]
    public async Task Token_SipBeyondLoopbackNoApplications_DevelopmentApplicationOnlyWhenEnabled(bool enabled, HttpStatusCode expected)
    {
        // The development application's credentials, as a previous loopback-only run stored them.
        var dev = Hark.Graph.Auth.DevelopmentApplication.LoadOrCreate(_dataDirectory, out _);
        await using var app = HarkApp.Create(
        [
            "--urls", "http://127.0.0.1:0", "--Hark:Sip:Port=0", "--Hark:Sip:ListenAddress=0.0.0.0", $"--Hark:DataDirectory={_dataDirectory}",
            $"--Hark:Development:Enabled={enabled}",
        ]);
        await app.StartAsync();
        var url = app.Urls.Single();

        using var http = new HttpClient();
        using var token = await http.PostAsync(url + "/common/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = dev.ClientId, ["client_secret"] = dev.ClientSecret, ["scope"] = url + "/.default",
        }));

        Assert.Equal(expected, token.StatusCode == HttpStatusCode.OK ? HttpStatusCode.OK : HttpStatusCode.Unauthorized);
        if (!enabled)
        {
            Assert.Contains("invalid_client", await token.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }
}
