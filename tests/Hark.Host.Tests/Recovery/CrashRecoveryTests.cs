using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Hark.Integration.Audio;
using Hark.Media.Wav;

namespace Hark.Host.Tests.Recovery;

/// <summary>
/// kill -9 of the real hark process during live recordings on virtual calls, then a start on the same data folder:
/// every operation left running and every call must end, notified once, recordings delivered as recorded.
/// </summary>
public sealed class CrashRecoveryTests : IAsyncLifetime, IDisposable
{
    private const int CallerRate = 8000;
    private const int RecordingRate = 16000;
    private const int Recorders = 4;
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(45);

    private readonly string _data = Path.Combine(Path.GetTempPath(), "hark-crash-" + Guid.NewGuid().ToString("N"));
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private NotificationReceiver _bot = null!;
    private HarkProcess _hark = null!;

    public async Task InitializeAsync()
    {
        _bot = await NotificationReceiver.StartAsync();
        _hark = new HarkProcess(
            _data,
            "--Hark:Applications:0:ClientId=bot", "--Hark:Applications:0:ClientSecret=s",
            $"--Hark:Applications:0:CallbackUri={_bot.CallbackUri}", "--Hark:Applications:0:Numbers:0=*",
            "--Logging:LogLevel:Default=Warning");
    }

    public async Task DisposeAsync()
    {
        await _hark.DisposeAsync();
        await _bot.DisposeAsync();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Kill9_DuringRecordings_EveryOperationAndCallEndsNotifiedOnceWithTheRecordingsOnDisk()
    {
        await _hark.StartAsync(Startup);
        await AuthorizeAsync();

        // Callers who talk all along (recorders), one who stays silent (no WAV yet) and one hearing a long prompt.
        // Line noise first, so the record is listening (and the VAD has heard the line) before the voice starts.
        var voice = WavFile.ToDataUri(WavFile.Encode(TestSignals.Concat(TestSignals.Noise(CallerRate, 3), TestSignals.Voice(CallerRate, 40)), CallerRate));
        var longPrompt = WavFile.ToDataUri(WavFile.Encode(TestSignals.Tone(CallerRate, 60, 440), CallerRate));
        var record = """{"playBeep":false,"initialSilenceTimeoutInSeconds":60,"maxSilenceTimeoutInSeconds":60,"maxRecordDurationInSeconds":120}""";
        var recordOps = new List<(string CallId, string OperationId)>();
        for (var i = 0; i < Recorders; i++)
        {
            var callId = await PlaceAndAnswerAsync($$"""{"script":[{"play":"{{voice}}"}]}""");
            recordOps.Add((callId, await StartOperationAsync(callId, "recordResponse", record)));
        }

        var silentCall = await PlaceAndAnswerAsync("""{"script":[{"silence":60}]}""");
        var silentOp = await StartOperationAsync(silentCall, "recordResponse", record);
        var promptCall = await PlaceAndAnswerAsync("""{"script":[{"silence":60}]}""");
        var promptOp = await StartOperationAsync(promptCall, "playPrompt",
            $$$"""{"prompts":[{"@odata.type":"#microsoft.graph.mediaPrompt","mediaInfo":{"uri":"{{{longPrompt}}}"}}]}""");

        // Kill once every recorder has at least 2 s on disk (the writer goes to disk each second).
        var minimum = 44 + (2 * RecordingRate * 2);
        await WaitUntilAsync(() => recordOps.All(r => FileLength(WavPath(r.OperationId)) >= minimum), "2 s of every recording on disk");
        await _hark.KillAsync();
        var beforeRestart = _bot.Received.Count;
        var onDisk = recordOps.ToDictionary(r => r.OperationId, r => File.ReadAllBytes(WavPath(r.OperationId)));
        Assert.False(File.Exists(WavPath(silentOp)));

        await _hark.StartAsync(Startup);
        var calls = recordOps.Select(r => r.CallId).Append(silentCall).Append(promptCall).ToList();
        await _bot.WaitAsync(
            received => calls.All(c => received.Skip(beforeRestart).Any(n => n.ResourceUrl == "/communications/calls/" + c && n.State == "terminated")),
            Wait, "every call terminated after the restart");
        await Task.Delay(TimeSpan.FromSeconds(1));
        var after = _bot.Received.Skip(beforeRestart).ToList();

        // Nothing delivered after the restart is a new notification for anything but the six recovered calls.
        foreach (var callId in calls)
        {
            var mine = after.Where(n => n.ResourceUrl.StartsWith("/communications/calls/" + callId, StringComparison.Ordinal)).ToList();
            var terminated = Assert.Single(mine, n => n.ResourceUrl == "/communications/calls/" + callId && n.State == "terminated");
            Assert.Equal(503, terminated.Data.GetProperty("resultInfo").GetProperty("code").GetInt32());
            Assert.Equal(8606, terminated.Data.GetProperty("resultInfo").GetProperty("subcode").GetInt32());
            var operation = Assert.Single(mine, n => n.ResourceUrl.Contains("/operations/", StringComparison.Ordinal));
            Assert.Equal("deleted", operation.ChangeType);
            Assert.True(mine.IndexOf(operation) < mine.IndexOf(terminated), "The operation's notification comes before the call's terminated.");
        }

        Assert.Equal(after.Count, after.Select(n => n.Id).Distinct().Count());

        foreach (var (callId, operationId) in recordOps)
        {
            var done = after.Single(n => n.ResourceUrl == $"/communications/calls/{callId}/operations/{operationId}").Data;
            Assert.Equal("completed", done.GetProperty("status").GetString());
            Assert.Equal(200, done.GetProperty("resultInfo").GetProperty("code").GetInt32());
            Assert.Equal(8516, done.GetProperty("resultInfo").GetProperty("subcode").GetInt32());
            Assert.Equal("callerHungUp", done.GetProperty("completionReason").GetString());
            var location = done.GetProperty("recordingLocation").GetString()!;
            Assert.Equal($"{_hark.BaseUrl}/hark/v1/recordings/{operationId}", location);
            using var request = new HttpRequestMessage(HttpMethod.Get, location);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", done.GetProperty("recordingAccessToken").GetString());
            using var download = await _http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            var wav = await download.Content.ReadAsByteArrayAsync();
            Assert.Equal(onDisk[operationId], wav);
            var audio = WavReader.Read(wav);
            Assert.Equal(RecordingRate, audio.SampleRate);
            Assert.True(audio.Samples.Length >= 2 * RecordingRate, $"{audio.Samples.Length} samples");

            // The API agrees with the notification.
            var stored = await GetJsonAsync($"/v1.0/communications/calls/{callId}/operations/{operationId}");
            Assert.Equal("completed", stored.GetProperty("status").GetString());
            Assert.Equal(location, stored.GetProperty("recordingLocation").GetString());
        }

        var silent = after.Single(n => n.ResourceUrl == $"/communications/calls/{silentCall}/operations/{silentOp}").Data;
        Assert.Equal("failed", silent.GetProperty("status").GetString());
        Assert.Equal(8606, silent.GetProperty("resultInfo").GetProperty("subcode").GetInt32());
        Assert.Equal("", silent.GetProperty("recordingLocation").GetString());
        var prompt = after.Single(n => n.ResourceUrl == $"/communications/calls/{promptCall}/operations/{promptOp}").Data;
        Assert.Equal("failed", prompt.GetProperty("status").GetString());
        Assert.Equal(8606, prompt.GetProperty("resultInfo").GetProperty("subcode").GetInt32());
        foreach (var callId in calls)
        {
            // As Graph: a call whose terminated notification is out is gone.
            using var gone = await _http.GetAsync($"{_hark.BaseUrl}/v1.0/communications/calls/{callId}");
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        // A second, graceful restart finds nothing left to close and sends nothing more.
        await _hark.StopAsync();
        var settled = _bot.Received.Count;
        await _hark.StartAsync(Startup);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(settled, _bot.Received.Count);
    }

    private string WavPath(string recordingId) => Path.Combine(_data, "recordings", recordingId + ".wav");

    private static long FileLength(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    private async Task AuthorizeAsync()
    {
        using var token = await _http.PostAsync(_hark.BaseUrl + "/common/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "bot", ["client_secret"] = "s", ["scope"] = _hark.BaseUrl + "/.default",
        }));
        var access = JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString();
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
    }

    // A virtual caller dials the bot; the bot answers as soon as the incoming notification arrives.
    private async Task<string> PlaceAndAnswerAsync(string script)
    {
        var created = await PostAsync("/hark/v1/simulator/calls", script, HttpStatusCode.Created);
        var callId = created.GetProperty("callId").GetString()!;
        await _bot.WaitAsync(r => r.Any(n => n.ResourceUrl == "/communications/calls/" + callId && n.State == "incoming"), Wait, "incoming " + callId);
        await PostAsync($"/v1.0/communications/calls/{callId}/answer",
            $$$"""{"callbackUri":"{{{_bot.CallbackUri}}}","acceptedModalities":["audio"],"mediaConfig":{"@odata.type":"#microsoft.graph.serviceHostedMediaConfig"}}""",
            HttpStatusCode.Accepted);
        await _bot.WaitAsync(r => r.Any(n => n.ResourceUrl == "/communications/calls/" + callId && n.State == "established"), Wait, "established " + callId);
        return callId;
    }

    private async Task<string> StartOperationAsync(string callId, string action, string body)
    {
        var op = await PostAsync($"/v1.0/communications/calls/{callId}/{action}", body, HttpStatusCode.OK);
        Assert.Equal("running", op.GetProperty("status").GetString());
        return op.GetProperty("id").GetString()!;
    }

    private async Task<JsonElement> PostAsync(string path, string json, HttpStatusCode expected)
    {
        using var response = await _http.PostAsync(_hark.BaseUrl + path, new StringContent(json, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await _http.GetAsync(_hark.BaseUrl + path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for " + what + "; recordings: " + string.Join(", ",
                Directory.Exists(Path.Combine(_data, "recordings")) ? Directory.GetFiles(Path.Combine(_data, "recordings")).Select(f => $"{Path.GetFileName(f)} {new FileInfo(f).Length}") : []));
            await Task.Delay(100);
        }
    }
}
