using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;

namespace Hark.Host.Tests.Simulator;

/// <summary>The virtual caller's HTTP API on the real host; full call flows are in the SDK integration suites.</summary>
public sealed class SimulatorApiTests : IAsyncLifetime, IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "hark-sim-" + Guid.NewGuid().ToString("N"));
    private readonly HttpClient _http = new();
    private WebApplication? _app;
    private string _base = "";

    public async Task InitializeAsync()
    {
        _app = HarkApp.Create(
        [
            "--urls", "http://127.0.0.1:0", "--Hark:Sip:Port=0", $"--Hark:DataDirectory={_dataDirectory}",
            "--Hark:Applications:0:ClientId=bot", "--Hark:Applications:0:ClientSecret=s", "--Hark:Applications:0:Numbers:0=+15551234",
        ]);
        await _app.StartAsync();
        _base = _app.Urls.Single();
        using var token = await _http.PostAsync(_base + "/common/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "bot", ["client_secret"] = "s", ["scope"] = _base + "/.default",
        }));
        var access = JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString();
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
    }

    public async Task DisposeAsync()
    {
        await _app!.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Create_NoToken_Unauthorized()
    {
        using var anonymous = new HttpClient();

        using var response = await anonymous.PostAsync(_base + "/hark/v1/simulator/calls", Json("""{"script":[]}"""));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"script":[{"silence":-1},{"dtmf":"x"}]}""", "script[0]", "script[1]")]
    [InlineData("""{"script":[{"hangup":true},{"silence":1}]}""", "script[0]", "hangup")]
    [InlineData("""{"script":[{"play":"ftp://example.com/a.wav"}]}""", "script[0].play", "ftp")]
    [InlineData("""{"script":[{"play":"http://169.254.169.254/latest/meta-data"}]}""", "script[0].play", "link-local")]
    [InlineData("""{"script":[{"silence":1,"hangup":true}]}""", "script[0]", "two kinds")]
    [InlineData("""{"script":[{"waitFor":"beep","timeoutSeconds":"soon"}]}""", "script[0].waitFor", "wrong type")]
    [InlineData("""{"script":"play"}""", "script", "array")]
    [InlineData("""{"to":"","script":[]}""", "to", "non-empty")]
    [InlineData("""not json""", "not valid JSON", "")]
    public async Task Create_BadBody_BadRequestNamingTheProblem(string body, string names, string says)
    {
        using var response = await _http.PostAsync(_base + "/hark/v1/simulator/calls", Json(body));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = JsonDocument.Parse(text).RootElement.GetProperty("error").GetProperty("message").GetString()!;
        Assert.Contains(names, message, StringComparison.Ordinal);
        Assert.Contains(says, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_NumberNobodyTakes_NotFound()
    {
        using var response = await _http.PostAsync(_base + "/hark/v1/simulator/calls", Json("""{"to":"+19999","script":[]}"""));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Create_ThenDelete_RingsThenEndsAndTheCallIsTerminated()
    {
        using var created = await _http.PostAsync(_base + "/hark/v1/simulator/calls", Json("""{"to":"+15551234","script":[{"silence":1}]}"""));
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var id = body.GetProperty("id").GetString();
        var callId = body.GetProperty("callId").GetString();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("ringing", body.GetProperty("state").GetString());
        Assert.Equal($"/hark/v1/simulator/calls/{id}", created.Headers.Location!.OriginalString);
        using var deleted = await _http.DeleteAsync($"{_base}/hark/v1/simulator/calls/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var status = JsonDocument.Parse(await _http.GetStringAsync($"{_base}/hark/v1/simulator/calls/{id}")).RootElement;
        Assert.Equal("ended", status.GetProperty("state").GetString());

        // The hang-up reaches the call through its loop; poll the Graph resource until it has.
        string? state = null;
        for (var i = 0; i < 100 && state != "terminated"; i++)
        {
            // As Graph: once its terminated notification is saved, the call is gone (404).
            using var call = await _http.GetAsync($"{_base}/v1.0/communications/calls/{callId}");
            state = call.StatusCode == HttpStatusCode.NotFound
                ? "terminated"
                : JsonDocument.Parse(await call.Content.ReadAsStringAsync()).RootElement.GetProperty("state").GetString();
            await Task.Delay(20);
        }

        Assert.Equal("terminated", state);
        using var answer = await _http.PostAsync($"{_base}/v1.0/communications/calls/{callId}/answer", Json("""{"mediaConfig":{"@odata.type":"#microsoft.graph.serviceHostedMediaConfig"},"acceptedModalities":["audio"]}"""));
        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
    }

    [Fact]
    public async Task Get_UnknownId_NotFound()
    {
        using var response = await _http.GetAsync(_base + "/hark/v1/simulator/calls/nope");
        using var heard = await _http.GetAsync(_base + "/hark/v1/simulator/calls/nope/heard");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, heard.StatusCode);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
