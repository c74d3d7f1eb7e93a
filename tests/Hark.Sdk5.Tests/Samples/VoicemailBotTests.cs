using Hark.Integration.Audio;
using Hark.Integration.Harness;
using Hark.Integration.Scenarios;
using Hark.Samples.Voicemail;
using static Hark.Integration.Harness.CallerScript;

namespace Hark.Sdk5.Tests.Samples;

/// <summary>samples/VoicemailBot, unchanged, against the real host and a virtual caller.</summary>
public sealed class VoicemailBotTests : IDisposable
{
    private readonly string _output = Path.Combine(Path.GetTempPath(), "voicemail-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task RunAsync_CallerLeavesAMessageAndPressesPound_SavesTheRecordingAndHangsUp()
    {
        const double speech = 1.2, gap = 0.3;
        using var http = new HttpClient();
        var botUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        await using var hark = new HarkServer("voicemail", "voicemail-secret", new Uri(botUrl, "/callback"));
        await hark.StartAsync();
        var bot = new VoicemailBot(new VoicemailBotOptions
        {
            Authority = hark.BaseUri,
            ClientId = hark.ClientId,
            ClientSecret = hark.ClientSecret,
            ListenUrl = botUrl,
            OutputDirectory = _output,
            MaxSilenceTimeoutInSeconds = 2,
        });
        using var stop = new CancellationTokenSource();
        var run = bot.RunAsync(stop.Token);
        await bot.Listening.WaitAsync(Timeouts.Notification);
        var token = await GraphClients.GetTokenAsync(http, hark.BaseUri, hark.ClientId, hark.ClientSecret);
        var simulator = new SimulatorClient(http, hark.BaseUri, () => token);
        var voice = RecordScenario.Voice(speech);

        var call = await simulator.StartAsync([WaitForBeep(), RecordScenario.Say(voice), Silence(gap), Dtmf('#'), Silence(5)]);

        using var wait = new CancellationTokenSource(Timeouts.Operation);
        var saved = await bot.Saved.ReadAsync(wait.Token);
        Assert.Equal(call.CallId, saved.CallId);
        RecordingAssert.Wav(await File.ReadAllBytesAsync(saved.Path), voice, speech + gap);
        var ended = await simulator.WaitForStateAsync(call.Id, "ended", Timeouts.Notification);
        var heard = WavFile.Decode(await simulator.GetHeardAsync(ended.Id));
        Assert.NotEmpty(ToneAnalysis.FindTone(heard.Samples, heard.SampleRate));

        await stop.CancelAsync();
        await run;
    }

    public void Dispose()
    {
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }
    }
}
