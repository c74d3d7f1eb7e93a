using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Hark.Host.Tests.Operations;

/// <summary>The real host in-process on 127.0.0.1:0 with one bot application, and the Graph requests one recorded virtual call takes.</summary>
public sealed class TestHark : IAsyncDisposable
{
    public const string ClientSecret = "bot-client-secret-value";

    private TestHark(WebApplication app, string dataDirectory, CapturedLog log)
    {
        App = app;
        DataDirectory = dataDirectory;
        Log = log;
        BaseUrl = app.Urls.Single();
    }

    public WebApplication App { get; }

    public string DataDirectory { get; }

    public CapturedLog Log { get; }

    public string BaseUrl { get; }

    public HttpClient Http { get; } = new();

    public static async Task<TestHark> StartAsync(Uri? callbackUri, params string[] extra)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "hark-ops-" + Guid.NewGuid().ToString("N"));
        var log = new CapturedLog();
        string[] settings =
        [
            "--urls", "http://127.0.0.1:0", "--Hark:Sip:Port=0", $"--Hark:DataDirectory={dataDirectory}",
            "--Hark:Applications:0:ClientId=bot", $"--Hark:Applications:0:ClientSecret={ClientSecret}", "--Hark:Applications:0:Numbers:0=*",
            // The SIP check's answer can take longer than the production default of 1 s on a loaded test machine.
            "--Hark:Health:SipProbeTimeout=00:00:05",
            // Admission by lag is tested on its own; a loaded test machine (parallel test classes, a fresh host
            // compiling) must not refuse these tests' calls with 503.
            "--Hark:Calls:MaxControlLagMilliseconds=60000", "--Hark:Media:MaxLagMilliseconds=60000",
            .. callbackUri is null ? Array.Empty<string>() : [$"--Hark:Applications:0:CallbackUri={callbackUri}"],
            .. extra,
        ];
        var app = HarkApp.Create(settings, builder => builder.Logging.AddProvider(log));
        try
        {
            await app.StartAsync();
        }
        catch
        {
            // A start refused (the validation tests) leaves nothing behind: the app's services and its data folder.
            await app.DisposeAsync();
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }

            throw;
        }

        return new TestHark(app, dataDirectory, log);
    }

    public async Task<string> BotTokenAsync()
    {
        using var response = await Http.PostAsync(BaseUrl + "/common/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "bot", ["client_secret"] = ClientSecret, ["scope"] = BaseUrl + "/.default",
        }));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>
    /// A virtual caller rings; the bot answers and records; the caller presses # after the beep, then hangs up.
    /// Returns the call id once the call is terminated.
    /// </summary>
    public async Task<string> RecordedCallAsync(string token, Uri callbackUri)
    {
        using var client = Client(token);
        var callId = await StartRecordingAsync(token, callbackUri, $$"""[{"waitFor":"beep","timeoutSeconds":15},{"play":"{{Voice()}}"},{"silence":0.3},{"dtmf":"#"},{"silence":0.6},{"hangup":true}]""");
        await WaitForStateAsync(client, $"{BaseUrl}/v1.0/communications/calls/{callId}", "terminated");
        return callId;
    }

    /// <summary>A virtual caller running <paramref name="script"/> rings; the bot answers and starts recording. Returns the call id.</summary>
    public async Task<string> StartRecordingAsync(string token, Uri callbackUri, string script)
    {
        using var client = Client(token);
        using var created = await client.PostAsync(BaseUrl + "/hark/v1/simulator/calls", Json(
            $$"""{"to":"+15550100","from":"+15550199","script":{{script}}}"""));
        var callId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("callId").GetString()!;
        var callUrl = $"{BaseUrl}/v1.0/communications/calls/{callId}";
        using (var answer = await client.PostAsync(callUrl + "/answer", Json(
            $$"""{"callbackUri":"{{callbackUri}}","mediaConfig":{"@odata.type":"#microsoft.graph.serviceHostedMediaConfig"},"acceptedModalities":["audio"]}""")))
        {
            Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());
        }

        await WaitForStateAsync(client, callUrl, "established");
        using (var record = await client.PostAsync(callUrl + "/recordResponse", Json(
            """{"playBeep":true,"initialSilenceTimeoutInSeconds":5,"maxSilenceTimeoutInSeconds":5,"maxRecordDurationInSeconds":10,"stopTones":["#"],"clientContext":"ops-test"}""")))
        {
            Assert.True(record.IsSuccessStatusCode, await record.Content.ReadAsStringAsync());
        }

        return callId;
    }

    private static HttpClient Client(string token)
    {
        var client = new HttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Waits until <paramref name="condition"/> holds (notifications are delivered after the state is saved).</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for " + what);
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    /// <summary>One second of a voice-like sound (a 150 Hz buzz with harmonics, syllable-modulated) as a WAV data URI, 8 kHz.</summary>
    public static string Voice()
    {
        const int rate = 8000;
        var pcm = new byte[rate * 2];
        for (var i = 0; i < rate; i++)
        {
            var t = (double)i / rate;
            var buzz = 0.0;
            for (var k = 1; k <= 8; k++)
            {
                buzz += Math.Sin(2 * Math.PI * 150 * k * t) / k;
            }

            var sample = (short)(6000 * buzz * (0.6 + (0.4 * Math.Sin(2 * Math.PI * 4 * t))));
            BitConverter.TryWriteBytes(pcm.AsSpan(i * 2), sample);
        }

        using var wav = new MemoryStream();
        using (var writer = new BinaryWriter(wav, Encoding.ASCII, leaveOpen: true))
        {
            writer.Write("RIFF"u8);
            writer.Write(36 + pcm.Length);
            writer.Write("WAVEfmt "u8);
            writer.Write(16);
            writer.Write((short)1);
            writer.Write((short)1);
            writer.Write(rate);
            writer.Write(rate * 2);
            writer.Write((short)2);
            writer.Write((short)16);
            writer.Write("data"u8);
            writer.Write(pcm.Length);
            writer.Write(pcm);
        }

        return "data:audio/wav;base64," + Convert.ToBase64String(wav.ToArray());
    }

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    public static async Task WaitForStateAsync(HttpClient client, string callUrl, string state)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        string? current = null;
        while (current != state)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The call never became {state} (last {current}).");
            using var response = await client.GetAsync(callUrl);

            // As Graph: a terminated call is gone (404) once its terminated notification is saved.
            current = response.StatusCode == System.Net.HttpStatusCode.NotFound
                ? "terminated"
                : JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("state").GetString();
            await Task.Delay(50);
        }
    }
}
