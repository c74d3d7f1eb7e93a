using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hark.Host.Operations;

namespace Hark.Host.Tests.Operations;

/// <summary>One recorded virtual call through the real host: its log lines, its metrics and its operator-API view.</summary>
/// <remarks>
/// Alone (see <see cref="MetricsCollection"/>): every host in the process has a meter named Hark.Host and each
/// OpenTelemetry provider listens to all of them, so another test's host would blur what this one's /metrics shows.
/// </remarks>
[Collection(MetricsCollection.Name)]
public sealed partial class CallStoryTests : IAsyncLifetime
{
    private NotificationReceiver _receiver = null!;
    private TestHark _hark = null!;
    private string _token = "";
    private string _callId = "";
    private string _metricsBefore = "";

    public async Task InitializeAsync()
    {
        _receiver = await NotificationReceiver.StartAsync();
        _hark = await TestHark.StartAsync(_receiver.CallbackUri);
        _token = await _hark.BotTokenAsync();
        _metricsBefore = await _hark.Http.GetStringAsync(_hark.BaseUrl + "/metrics");
        _callId = await _hark.RecordedCallAsync(_token, _receiver.CallbackUri);
        await TestHark.EventuallyAsync(() => CallLines().Any(l => l.Contains("ended", StringComparison.Ordinal)) &&
            CallLines().Count(l => l.Contains("delivered", StringComparison.Ordinal)) == _receiver.Bodies.Count(b => b.Contains(_callId, StringComparison.Ordinal)) &&
            CallLines().Any(l => l.Contains("call deleted terminated", StringComparison.Ordinal)), "the call's last notification");
    }

    public async Task DisposeAsync()
    {
        await _hark.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public void Log_OneRecordedCall_OneLinePerEventAndNoSecrets()
    {
        var lines = CallLines();
        var story = string.Join("\n", lines);

        Assert.Contains(lines, l => l.Contains("offered", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(": answered", StringComparison.Ordinal));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"record \S+ started"));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"record \S+ completed: stopToneDetected \(200/8514\); recording \S+, \d+\.\d s"));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"ended \d+/\d+"));
        Assert.Contains(lines, l => l.Contains("delivered to http://127.0.0.1", StringComparison.Ordinal));
        // offered, answered, record started, record completed, ended, and one line per notification delivered: nothing else.
        var notifications = _receiver.Bodies.Count(b => b.Contains(_callId, StringComparison.Ordinal));
        Assert.True(lines.Count == 5 + notifications, story);
        Assert.All(_hark.Log.Lines, l => Assert.DoesNotContain("Microsoft.AspNetCore.Hosting.Diagnostics", l, StringComparison.Ordinal));
        foreach (var secret in new[] { TestHark.ClientSecret, _token, "webhook-query-secret", "eyJ" })
        {
            Assert.All(_hark.Log.Lines, l => Assert.DoesNotContain(secret, l, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Metrics_AfterAVirtualCall_PresentAndMoving()
    {
        var after = await _hark.Http.GetStringAsync(_hark.BaseUrl + "/metrics");

        foreach (var name in new[] { "hark_calls_started_total", "hark_calls_ended_total", "hark_operations_started_total", "hark_operations_completed_total", "hark_webhooks_attempts_total" })
        {
            Assert.True(Sum(after, name) >= Sum(_metricsBefore, name) + 1, $"{name} did not move:\n{after}");
        }

        Assert.True(Sum(after, "hark_recordings_duration_seconds_total") > Sum(_metricsBefore, "hark_recordings_duration_seconds_total"), after);
        Assert.Contains("hark_webhooks_latency_seconds_bucket", after, StringComparison.Ordinal);
        Assert.Contains("completion_reason=\"stopToneDetected\"", after, StringComparison.Ordinal);
        Assert.Contains("hark_calls_active", after, StringComparison.Ordinal);
        Assert.Contains("hark_webhooks_outbox_depth", after, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_WithOperatorKey_ListsTheCallItsTimelineAndItsRecording()
    {
        using var admin = new HttpClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorDirectory.ReadDevelopment(_hark.DataDirectory).Key);
        var calls = JsonDocument.Parse(await admin.GetStringAsync(_hark.BaseUrl + "/hark/v1/admin/calls?number=15550199")).RootElement.GetProperty("value");
        var call = Assert.Single(calls.EnumerateArray(), c => c.GetProperty("id").GetString() == _callId);
        Assert.Equal("terminated", call.GetProperty("state").GetString());

        var timeline = JsonDocument.Parse(await admin.GetStringAsync($"{_hark.BaseUrl}/hark/v1/admin/calls/{_callId}")).RootElement.GetProperty("timeline");
        var kinds = timeline.EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Contains("operation", kinds);
        Assert.Contains("recording", kinds);
        Assert.All(timeline.EnumerateArray().Where(e => e.GetProperty("kind").GetString() == "notification"),
            e => Assert.Equal("delivered", e.GetProperty("delivery").GetProperty("status").GetString()));

        var recordings = JsonDocument.Parse(await admin.GetStringAsync($"{_hark.BaseUrl}/hark/v1/admin/recordings?callId={_callId}")).RootElement.GetProperty("value");
        var content = Assert.Single(recordings.EnumerateArray()).GetProperty("content").GetString();
        var wav = await admin.GetByteArrayAsync(_hark.BaseUrl + content);
        Assert.Equal("RIFF"u8.ToArray(), wav[..4]);
    }

    [Fact]
    public async Task Admin_BotTokenOrNothing_Unauthorized()
    {
        using var anonymous = new HttpClient();
        using var bot = new HttpClient();
        bot.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _token);

        using var none = await anonymous.GetAsync(_hark.BaseUrl + "/hark/v1/admin/calls");
        using var botCalls = await bot.GetAsync(_hark.BaseUrl + "/hark/v1/admin/calls");
        using var botRetry = await bot.PostAsync(_hark.BaseUrl + "/hark/v1/admin/webhooks/x/retry", null);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, botCalls.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, botRetry.StatusCode);
        Assert.Equal("InvalidAuthenticationToken", JsonDocument.Parse(await botCalls.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    private List<string> CallLines() => [.. _hark.Log.Lines.Where(l => l.Contains(_callId, StringComparison.Ordinal))];

    private static double Sum(string exposition, string name) =>
        exposition.Split('\n')
            .Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.IndexOf(' ', Math.Max(0, l.IndexOf('}', StringComparison.Ordinal))) + 1)..].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
}
