using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Hark.Host.Operations;

namespace Hark.Host.Tests.Operations;

/// <summary>
/// One real SIP call through the host (INVITE, answer, ACK, RTP both ways, BYE) and a second INVITE refused for
/// capacity: the Hark.Sip, Hark.Rtp and Hark.Telephony instruments move, and the call's timeline shows its SIP messages.
/// </summary>
/// <remarks>Alone (see <see cref="MetricsCollection"/>): the SIP and RTP meters are process-wide.</remarks>
[Collection(MetricsCollection.Name)]
public sealed class SipCallTelemetryTests : IAsyncLifetime, IDisposable
{
    private const string Number = "+15550100";
    private NotificationReceiver _receiver = null!;
    private TestHark _hark = null!;
    private readonly HttpClient _admin = new();
    private string _callId = "";
    private string _metricsBefore = "";
    private string _metricsAfter = "";

    public async Task InitializeAsync()
    {
        _receiver = await NotificationReceiver.StartAsync();
        _hark = await TestHark.StartAsync(_receiver.CallbackUri, "--Hark:Calls:MaxConcurrent=1");
        _admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorDirectory.ReadDevelopment(_hark.DataDirectory).Key);
        _metricsBefore = await _hark.Http.GetStringAsync(_hark.BaseUrl + "/metrics");

        var sipPort = HarkApp.SipPort(_hark.App.Services);
        using var caller = new RawSipCaller(sipPort);
        caller.Invite(Number, caller.CallId);
        _callId = await EventuallyAsync(async () =>
        {
            var calls = JsonDocument.Parse(await _admin.GetStringAsync(_hark.BaseUrl + "/hark/v1/admin/calls?state=incoming")).RootElement.GetProperty("value");
            return calls.GetArrayLength() > 0 ? calls[0].GetProperty("id").GetString() : null;
        }, "the SIP call to be offered");

        using var bot = new HttpClient();
        bot.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _hark.BotTokenAsync());
        using (var answer = await bot.PostAsync($"{_hark.BaseUrl}/v1.0/communications/calls/{_callId}/answer", TestHark.Json(
            $$"""{"callbackUri":"{{_receiver.CallbackUri}}","mediaConfig":{"@odata.type":"#microsoft.graph.serviceHostedMediaConfig"},"acceptedModalities":["audio"]}""")))
        {
            Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());
        }

        var ok = await caller.WaitForAsync(caller.CallId, "INVITE", 200);
        var toTag = ok.To.Tag!;
        caller.Ack(Number, toTag);
        caller.SendRtp(ok, 50);

        // The call is established once Hark has taken the ACK; recording before that is refused (InvalidCallState).
        await TestHark.WaitForStateAsync(bot, $"{_hark.BaseUrl}/v1.0/communications/calls/{_callId}", "established");

        // The bot records with a beep, so Hark sends audio too.
        using (var record = await bot.PostAsync($"{_hark.BaseUrl}/v1.0/communications/calls/{_callId}/recordResponse", TestHark.Json(
            """{"playBeep":true,"maxRecordDurationInSeconds":10,"clientContext":"sip-telemetry"}""")))
        {
            Assert.True(record.IsSuccessStatusCode, await record.Content.ReadAsStringAsync());
        }

        var sentBefore = Sum(_metricsBefore, "hark_rtp_packets_total", ["direction=\"out\""]);
        await EventuallyAsync(async () =>
            Sum(await _hark.Http.GetStringAsync(_hark.BaseUrl + "/metrics"), "hark_rtp_packets_total", ["direction=\"out\""]) > sentBefore ? "" : null,
            "Hark's beep to be sent");

        // At capacity (Hark:Calls:MaxConcurrent=1): another caller is refused with 503.
        using (var second = new RawSipCaller(sipPort))
        {
            second.Invite(Number, second.CallId);
            await second.WaitForAsync(second.CallId, "INVITE", 503);
        }

        caller.Bye(Number, toTag);
        await caller.WaitForAsync(caller.CallId, "BYE", 200);

        // The RTP session reports its loss and jitter when it is disposed, just after the call ends.
        _metricsAfter = await EventuallyAsync(async () =>
        {
            var metrics = await _hark.Http.GetStringAsync(_hark.BaseUrl + "/metrics");
            return metrics.Contains("hark_rtp_jitter_milliseconds_count", StringComparison.Ordinal) ? metrics : null;
        }, "the RTP session's end");
    }

    public async Task DisposeAsync()
    {
        await _hark.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    public void Dispose() => _admin.Dispose();

    [Fact]
    public void Metrics_AfterASipCall_SipRtpAndAdmissionInstrumentsMove()
    {
        (string Name, string[] Labels)[] moved =
        [
            ("hark_sip_requests_total", ["method=\"INVITE\"", "direction=\"in\""]),
            ("hark_sip_requests_total", ["method=\"BYE\"", "direction=\"in\""]),
            ("hark_sip_responses_total", ["method=\"INVITE\"", "code=\"200\"", "direction=\"out\""]),
            ("hark_sip_responses_total", ["method=\"INVITE\"", "code=\"503\"", "direction=\"out\""]),
            ("hark_rtp_packets_total", ["direction=\"in\""]),
            ("hark_rtp_packets_total", ["direction=\"out\""]),
            ("hark_admission_refused_total", ["source=\"sip\""]),
            ("hark_rtp_jitter_milliseconds_count", []),
        ];
        foreach (var (name, labels) in moved)
        {
            Assert.True(Sum(_metricsAfter, name, labels) >= Sum(_metricsBefore, name, labels) + 1, $"{name}{{{string.Join(",", labels)}}} did not move:\n{_metricsAfter}");
        }

        Assert.True(Sum(_metricsAfter, "hark_rtp_packets_total", ["direction=\"in\""]) >= Sum(_metricsBefore, "hark_rtp_packets_total", ["direction=\"in\""]) + 50, _metricsAfter);
    }

    [Fact]
    public async Task Timeline_SipCall_ItsSipMessagesAndGraphRequestsInOrder()
    {
        var call = JsonDocument.Parse(await _admin.GetStringAsync($"{_hark.BaseUrl}/hark/v1/admin/calls/{_callId}")).RootElement;
        var sip = call.GetProperty("timeline").EnumerateArray().Where(e => e.GetProperty("kind").GetString() == "sip")
            .Select(e => e.GetProperty("summary").GetString()!).ToList();

        string[] expected = ["← INVITE", "→ 200 OK (INVITE)", "← ACK", "← BYE", "→ 200 OK (BYE)"];
        var positions = expected.Select(e => sip.IndexOf(e)).ToList();
        Assert.True(positions.All(p => p >= 0), string.Join("\n", sip));
        Assert.Equal(positions.Order(), positions);
        Assert.Contains(call.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("kind").GetString() == "graph"
            && e.GetProperty("summary").GetString() == $"POST /v1.0/communications/calls/{_callId}/answer → 202");
        Assert.Equal(0, call.GetProperty("timelineDropped").GetProperty("sip").GetInt32());

        // The refused caller's INVITE belongs to no call of Hark's, so it is in no timeline.
        Assert.Equal(1, sip.Count(s => s == "← INVITE"));
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> read, string what)
        where T : class
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            if (await read() is { } value)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for " + what);
            await Task.Delay(50);
        }
    }

    private static double Sum(string exposition, string name, string[] labels) =>
        exposition.Split('\n')
            .Where(l => (l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
                && labels.All(label => l.Contains(label, StringComparison.Ordinal)))
            .Sum(l => double.Parse(l[(l.IndexOf(' ', Math.Max(0, l.IndexOf('}', StringComparison.Ordinal))) + 1)..].Split(' ')[0], CultureInfo.InvariantCulture));
}
