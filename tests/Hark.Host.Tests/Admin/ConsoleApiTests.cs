using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Hark.Host.Operations;
using Hark.Host.Tests.Operations;

namespace Hark.Host.Tests.Admin;

/// <summary>What the web console stands on: its files, the live event stream, and the operator's virtual caller.</summary>
public sealed class ConsoleApiTests : IAsyncLifetime, IDisposable
{
    private readonly HttpClient _operator = new();
    private TestHark _hark = null!;

    public async Task InitializeAsync()
    {
        _hark = await TestHark.StartAsync(callbackUri: null);
        _operator.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorDirectory.ReadDevelopment(_hark.DataDirectory).Key);
    }

    public Task DisposeAsync() => _hark.DisposeAsync().AsTask();

    public void Dispose() => _operator.Dispose();

    [Fact]
    public async Task Console_Files_ServedFromTheBinaryWithAStrictContentSecurityPolicy()
    {
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var redirect = await noRedirects.GetAsync(_hark.BaseUrl + "/console");
        using var index = await _hark.Http.GetAsync(_hark.BaseUrl + "/console/");
        using var script = await _hark.Http.GetAsync(_hark.BaseUrl + "/console/app.js");

        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Contains("<title>Hark console</title>", await index.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.StartsWith("default-src 'self'", index.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Events_OperatorKey_ReadyThenTheCallAsItChanges()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _hark.BaseUrl + "/hark/v1/admin/events");
        using var response = await _operator.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("event: ready", await reader.ReadLineAsync());

        var created = await PlaceAsync("""{"application":"bot","script":[{"silence":0.2},{"hangup":true}]}""");
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var callId = created.Body.GetProperty("callId").GetString();

        string? line;
        do
        {
            line = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        }
        while (line is not null && !(line.StartsWith("data: ", StringComparison.Ordinal) && line.Contains(callId!, StringComparison.Ordinal)));

        var call = JsonDocument.Parse(line!["data: ".Length..]).RootElement;
        Assert.Equal("bot", call.GetProperty("applicationId").GetString());
        Assert.Equal("+15550199", call.GetProperty("remoteNumber").GetString());
    }

    [Fact]
    public async Task EventsAndSimulator_BotTokenOrNothing_Unauthorized()
    {
        using var bot = new HttpClient();
        bot.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _hark.BotTokenAsync());

        using var events = await bot.GetAsync(_hark.BaseUrl + "/hark/v1/admin/events");
        using var place = await bot.PostAsync(_hark.BaseUrl + "/hark/v1/admin/simulator/calls", TestHark.Json("""{"application":"bot","script":[]}"""));
        using var anonymous = await _hark.Http.GetAsync(_hark.BaseUrl + "/hark/v1/admin/applications");

        Assert.Equal(HttpStatusCode.Unauthorized, events.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, place.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task OperatorSimulator_NoNumberNorApplication_400()
    {
        var placed = await PlaceAsync("""{"script":[{"hangup":true}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, placed.Status);
        Assert.Contains("application", placed.Body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OperatorSimulator_Placed_ListedAndHeardAndHungUpByTheOperatorOnly()
    {
        var placed = await PlaceAsync("""{"to":"+15550100","script":[{"silence":30}]}""");
        var id = placed.Body.GetProperty("id").GetString();

        var list = JsonDocument.Parse(await _operator.GetStringAsync(_hark.BaseUrl + "/hark/v1/admin/simulator/calls")).RootElement.GetProperty("value");
        using var bot = new HttpClient();
        bot.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _hark.BotTokenAsync());
        using var botView = await bot.GetAsync($"{_hark.BaseUrl}/hark/v1/simulator/calls/{id}");
        using var hangUp = await _operator.DeleteAsync($"{_hark.BaseUrl}/hark/v1/admin/simulator/calls/{id}");
        var heard = await _operator.GetByteArrayAsync($"{_hark.BaseUrl}/hark/v1/admin/simulator/calls/{id}/heard");
        var after = JsonDocument.Parse(await _operator.GetStringAsync($"{_hark.BaseUrl}/hark/v1/admin/simulator/calls/{id}")).RootElement;

        Assert.Equal(HttpStatusCode.Created, placed.Status);
        Assert.Contains(list.EnumerateArray(), c => c.GetProperty("id").GetString() == id);
        Assert.Equal(HttpStatusCode.NotFound, botView.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, hangUp.StatusCode);
        Assert.Equal("RIFF"u8.ToArray(), heard[..4]);
        Assert.Equal("ended", after.GetProperty("state").GetString());
        Assert.Contains(after.GetProperty("events").EnumerateArray(), e => e.GetProperty("reason").GetString() == "hung up by an operator");
    }

    [Fact]
    public async Task Applications_Configured_ListedWithTheirNumbers()
    {
        var applications = JsonDocument.Parse(await _operator.GetStringAsync(_hark.BaseUrl + "/hark/v1/admin/applications")).RootElement.GetProperty("value");

        var bot = Assert.Single(applications.EnumerateArray());
        Assert.Equal("bot", bot.GetProperty("clientId").GetString());
        Assert.Equal("*", bot.GetProperty("numbers")[0].GetString());
        Assert.False(bot.TryGetProperty("clientSecret", out _));
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PlaceAsync(string body)
    {
        using var response = await _operator.PostAsync(_hark.BaseUrl + "/hark/v1/admin/simulator/calls", TestHark.Json(body.Replace("\"script\"", "\"from\":\"+15550199\",\"script\"", StringComparison.Ordinal)));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }
}
