using System.Text.Json.Nodes;
using Hark.Integration.Audio;
using Hark.Integration.Harness;
using Microsoft.Graph.Communications.Calls.Item.RecordResponse;
using Microsoft.Graph.Models;

namespace Hark.Integration.Scenarios;

/// <summary>The common record flow: dial with a script, answer, recordResponse with a prompt, await the completion.</summary>
public static class RecordScenario
{
    /// <summary>Rate of the caller's audio: what a phone sends.</summary>
    public const int CallerRate = 8000;

    /// <summary>The question the bot plays (16 kHz, as Graph prompts are).</summary>
    public static readonly short[] Prompt = TestSignals.Chirp(16000, 0.6, 300, 3000);

    /// <summary>The caller's answer: a voice-like signal of exactly <paramref name="seconds"/>.</summary>
    public static short[] Voice(double seconds) => TestSignals.Voice(CallerRate, seconds);

    /// <summary>Line noise the caller's audio starts with, before the voice (see <see cref="TestSignals.Noise"/>).</summary>
    public const double LeadIn = 0.5;

    /// <summary>A play step with the audio inline, after <see cref="LeadIn"/> seconds of line noise.</summary>
    public static JsonObject Say(short[] audio) =>
        CallerScript.Play(WavFile.ToDataUri(WavFile.Encode(TestSignals.Concat(TestSignals.Noise(CallerRate, LeadIn), audio), CallerRate)));

    /// <summary>A play step with the audio inline and nothing before it: the line is digitally silent until the voice.</summary>
    public static JsonObject SayStraightAway(short[] audio) =>
        CallerScript.Play(WavFile.ToDataUri(WavFile.Encode(audio, CallerRate)));

    /// <summary>The request a voicemail bot would send; tests adjust it.</summary>
    public static RecordResponsePostRequestBody Request(Uri promptUri) => new()
    {
        Prompts = [new MediaPrompt { MediaInfo = new MediaInfo { Uri = promptUri.ToString(), ResourceId = Guid.NewGuid().ToString() } }],
        BargeInAllowed = false,
        PlayBeep = true,
        InitialSilenceTimeoutInSeconds = 5,
        MaxSilenceTimeoutInSeconds = 5,
        MaxRecordDurationInSeconds = 10,
        StopTones = ["#"],
        ClientContext = "ctx-" + Guid.NewGuid().ToString("N"),
    };

    /// <summary>Connects a caller running <paramref name="script"/> and records once.</summary>
    public static async Task<RecordResult> RunAsync(HarkFixture f, JsonObject[] script, Action<RecordResponsePostRequestBody>? adjust = null)
    {
        var call = await f.ConnectAsync(script);
        return await RecordAsync(f, call, adjust);
    }

    /// <summary>Records once on a connected call.</summary>
    public static async Task<RecordResult> RecordAsync(HarkFixture f, ConnectedCall call, Action<RecordResponsePostRequestBody>? adjust = null)
    {
        var promptUri = f.Listener.AddPrompt("question.wav", WavFile.Encode(Prompt, 16000));
        var body = Request(promptUri);
        adjust?.Invoke(body);
        var started = await f.Graph.Communications.Calls[call.CallId].RecordResponse.PostAsync(body);
        Assert.NotNull(started);
        Assert.False(string.IsNullOrEmpty(started.Id));
        Assert.Equal(OperationStatus.Running, started.Status);
        Assert.Equal(body.ClientContext, started.ClientContext);
        var completion = await call.Inbox.WaitForOperationAsync(started.Id, Timeouts.Operation);
        return new RecordResult(call, started, completion);
    }
}
