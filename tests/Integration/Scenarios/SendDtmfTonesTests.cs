using System.Net;
using System.Text.Json;
using Hark.Integration.Audio;
using Hark.Integration.Harness;
using Hark.Media.Dtmf;
using Microsoft.Graph.Communications.Calls.Item.SendDtmfTones;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using static Hark.Integration.Harness.CallerScript;

namespace Hark.Integration.Scenarios;

/// <summary>sendDtmfTones on a virtual call: in-band tones the caller hears, in order, with the requested silence between them.</summary>
public sealed class SendDtmfTonesTests(HarkFixture f) : IClassFixture<HarkFixture>
{
    [Fact]
    public async Task SendDtmfTones_ThreeTonesWithDelay_CallerHearsThemInOrderAndOperationCompletes()
    {
        var call = await f.ConnectAsync(Silence(10));

        var started = await f.Graph.Communications.Calls[call.CallId].SendDtmfTones.PostAsync(new SendDtmfTonesPostRequestBody
        {
            Tones = [Tone.Tone1, Tone.Tone5, Tone.Pound],
            DelayBetweenTonesMs = 300,
            ClientContext = "dtmf-ctx",
        });
        var done = await call.Inbox.WaitForOperationAsync(started!.Id!, Timeouts.Operation);

        Assert.Equal((OperationStatus.Running, "dtmf-ctx"), (started.Status, started.ClientContext));
        var op = Assert.IsType<SendDtmfTonesOperation>(done.ToOperation());
        Assert.Equal(OperationStatus.Completed, op.Status);
        Assert.Equal(SendDtmfCompletionReason.CompletedSuccessfully, op.CompletionReason);
        Assert.Equal((200, 0), (op.ResultInfo?.Code, op.ResultInfo?.Subcode));

        // The completion may come a frame before the caller has heard the end: poll until all three are there.
        List<(DtmfKey Key, long Onset)> keys = [];
        for (var i = 0; i < 30; i++)
        {
            keys = Detect(WavFile.Decode(await f.Simulator.GetHeardAsync(call.SimulatorId)).Samples, 16000);
            if (keys.Count >= 3)
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.Equal([DtmfKey.Digit1, DtmfKey.Digit5, DtmfKey.Pound], keys.Select(k => k.Key));
        // 100 ms of tone then 300 ms of silence: onsets 400 ms apart (±10 ms; the caller hears Hark's frames exactly).
        Assert.InRange(keys[1].Onset - keys[0].Onset, 6400 - 160, 6400 + 160);
        Assert.InRange(keys[2].Onset - keys[1].Onset, 6400 - 160, 6400 + 160);
        await f.EndAsync(call);
        Assert.Empty(f.Listener.Failures);
    }

    [Fact]
    public async Task SendDtmfTones_NoTonesOrFlash_ODataError400NamingTheField()
    {
        var call = await f.ConnectAsync(Silence(5));

        var none = await Assert.ThrowsAsync<ODataError>(() => f.Graph.Communications.Calls[call.CallId].SendDtmfTones.PostAsync(new SendDtmfTonesPostRequestBody { Tones = [] }));
        var flash = await Assert.ThrowsAsync<ODataError>(() => f.Graph.Communications.Calls[call.CallId].SendDtmfTones.PostAsync(
            new SendDtmfTonesPostRequestBody { Tones = [Tone.Tone1, Tone.Flash] }));

        Assert.Equal(400, none.ResponseStatusCode);
        Assert.Contains("tones", none.Error?.Message, StringComparison.Ordinal);
        Assert.Equal(400, flash.ResponseStatusCode);
        Assert.Equal("tones[1]", Assert.Single(flash.Error!.Details!).Target);
        await f.EndAsync(call);
    }

    [Fact]
    public async Task PromptsValidate_GoodBadAndMissing_FormatAndDurationOrThePreciseReason()
    {
        var good = f.Listener.AddPrompt("check.wav", WavFile.Encode(TestSignals.Tone(16000, 1.5, 440), 16000));
        var notWav = WavFile.ToDataUri("not a wave file at all"u8.ToArray());

        using var goodDoc = await ValidateAsync(good.ToString());
        using var badDoc = await ValidateAsync(notWav);
        using var missingDoc = await ValidateAsync(f.Listener.PromptUri("missing.wav").ToString());
        using var noUri = f.Request(HttpMethod.Post, "/hark/v1/prompts/validate", """{"mediaInfo":{}}""");
        using var noUriResponse = await f.Http.SendAsync(noUri);

        var ok = goodDoc.RootElement;
        Assert.True(ok.GetProperty("playable").GetBoolean());
        Assert.Equal(("pcm16", 1, 16000, 1.5), (ok.GetProperty("encoding").GetString(), ok.GetProperty("channels").GetInt32(), ok.GetProperty("sampleRate").GetInt32(), ok.GetProperty("durationSeconds").GetDouble()));
        Assert.True(ok.GetProperty("graphFormat").GetBoolean());
        Assert.False(badDoc.RootElement.GetProperty("playable").GetBoolean());
        Assert.StartsWith("not a WAV file", badDoc.RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.False(missingDoc.RootElement.GetProperty("playable").GetBoolean());
        Assert.Contains("404", missingDoc.RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noUriResponse.StatusCode);
    }

    private async Task<JsonDocument> ValidateAsync(string uri)
    {
        using var request = f.Request(HttpMethod.Post, "/hark/v1/prompts/validate", JsonSerializer.Serialize(new { mediaInfo = new { uri } }));
        using var response = await f.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text);
    }

    private static List<(DtmfKey Key, long Onset)> Detect(short[] audio, int rate)
    {
        var detector = new DtmfDetector(rate);
        var keys = new List<(DtmfKey, long)>();
        for (var at = 0; at + (rate / 50) <= audio.Length; at += rate / 50)
        {
            var e = detector.Process(audio.AsSpan(at, rate / 50));
            while (e.Kind != DtmfEventKind.None)
            {
                if (e.Kind == DtmfEventKind.KeyDown)
                {
                    keys.Add((e.Key, e.OnsetSample));
                }

                if (!detector.TryRead(out e))
                {
                    break;
                }
            }
        }

        return keys;
    }
}
