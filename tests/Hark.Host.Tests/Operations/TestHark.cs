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
            .. callbackUri is null ? Array.Empty<string>() : [$"--Hark:Applications:0:CallbackUri={callbackUri}"],
            .. extra,
        ];
        var app = HarkApp.Create(settings, builder => builder.Logging.AddProvider(log));
        await app.StartAsync();
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
        using var client = new HttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var created = await client.PostAsync(BaseUrl + "/hark/v1/simulator/calls", Json(
            """{"to":"+15550100","from":"+15550199","script":[{"waitFor":"beep","timeoutSeconds":15},{"silence":0.6},{"dtmf":"#"},{"silence":0.6},{"hangup":true}]}"""));
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

        await WaitForStateAsync(client, callUrl, "terminated");
        return callId;
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

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task WaitForStateAsync(HttpClient client, string callUrl, string state)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        string? current = null;
        while (current != state)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The call never became {state} (last {current}).");
            current = JsonDocument.Parse(await client.GetStringAsync(callUrl)).RootElement.GetProperty("state").GetString();
            await Task.Delay(50);
        }
    }
}
