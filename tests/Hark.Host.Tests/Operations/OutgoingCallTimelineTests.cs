using System.Net.Http.Headers;
using System.Text.Json;
using Hark.Host.Operations;

namespace Hark.Host.Tests.Operations;

/// <summary>A bot dials a SIP peer: the call's timeline in the operator API shows the SIP messages of that dialog.</summary>
public sealed class OutgoingCallTimelineTests : IAsyncLifetime, IDisposable
{
    private readonly HttpClient _admin = new();
    private NotificationReceiver _receiver = null!;
    private TestHark _hark = null!;

    public async Task InitializeAsync()
    {
        _receiver = await NotificationReceiver.StartAsync();
        _hark = await TestHark.StartAsync(_receiver.CallbackUri);
        _admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorDirectory.ReadDevelopment(_hark.DataDirectory).Key);
    }

    public async Task DisposeAsync()
    {
        await _hark.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    public void Dispose() => _admin.Dispose();

    [Fact]
    public async Task Timeline_OutgoingSipCall_InviteItsAnswerAckAndBye()
    {
        using var peer = new RawSipCaller(HarkApp.SipPort(_hark.App.Services));
        using var bot = new HttpClient();
        bot.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _hark.BotTokenAsync());
        using var created = await bot.PostAsync(_hark.BaseUrl + "/v1.0/communications/calls", TestHark.Json(
            $$$$"""
            {"callbackUri":"{{{{_receiver.CallbackUri}}}}","targets":[{"identity":{"phone":{"id":"sip:+15550123@127.0.0.1:{{{{peer.SipPort}}}}"}}}],
             "requestedModalities":["audio"],"mediaConfig":{"@odata.type":"#microsoft.graph.serviceHostedMediaConfig"},"tenantId":"t"}
            """));
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var callId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();

        peer.Respond(await peer.WaitForRequestAsync("INVITE"), 200, "OK");
        await peer.WaitForRequestAsync("ACK");
        using (await bot.DeleteAsync($"{_hark.BaseUrl}/v1.0/communications/calls/{callId}"))
        {
        }

        peer.Respond(await peer.WaitForRequestAsync("BYE"), 200, "OK");

        List<string> sip = [];
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!sip.Contains("← 200 OK (BYE)"))
        {
            Assert.True(DateTime.UtcNow < deadline, string.Join("\n", sip));
            await Task.Delay(50);
            var call = JsonDocument.Parse(await _admin.GetStringAsync($"{_hark.BaseUrl}/hark/v1/admin/calls/{callId}")).RootElement;
            sip = [.. call.GetProperty("timeline").EnumerateArray().Where(e => e.GetProperty("kind").GetString() == "sip").Select(e => e.GetProperty("summary").GetString()!)];
        }

        string[] expected = ["→ INVITE", "← 200 OK (INVITE)", "→ ACK", "→ BYE", "← 200 OK (BYE)"];
        var positions = expected.Select(e => sip.IndexOf(e)).ToList();
        Assert.True(positions.All(p => p >= 0), string.Join("\n", sip));
        Assert.Equal(positions.Order(), positions);
    }
}
