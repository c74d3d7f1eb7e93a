using System.Net;
using Hark.Integration.Audio;
using Hark.Integration.Harness;
using Hark.Media.Wav;
using Microsoft.Graph.Models;

namespace Hark.Integration.Scenarios;

/// <summary>Checks of an operation's outcome, the downloaded WAV, what the caller heard and the notification order.</summary>
public static class RecordingAssert
{
    /// <summary>How far a recording's length may be from what the rules imply.</summary>
    public const double DurationTolerance = 0.1;

    /// <summary>Hark keeps at most this much silence after the last speech (design decision).</summary>
    public const double TrailingSilenceKept = 0.5;

    /// <summary>Status, resultInfo, completionReason and clientContext of a completion notification.</summary>
    public static void Outcome(
        ReceivedNotification completion, OperationStatus status, int code, int subcode, string? completionReason, string? clientContext)
    {
        Assert.Equal("deleted", completion.ChangeType);
        var op = completion.ToOperation();
        Assert.Equal(status, op.Status);
        Assert.NotNull(op.ResultInfo);
        Assert.Equal(code, op.ResultInfo.Code);
        Assert.Equal(subcode, op.ResultInfo.Subcode);
        Assert.False(string.IsNullOrEmpty(op.ResultInfo.Message));
        if (completionReason is not null)
        {
            Assert.Equal(completionReason, completion.String("completionReason"));
        }

        if (clientContext is not null)
        {
            Assert.Equal(clientContext, op.ClientContext);
        }
    }

    /// <summary>A failed record has neither location nor token (empty strings, as Graph sends).</summary>
    public static void NoRecording(RecordResult run)
    {
        Assert.Equal(string.Empty, run.Completion.String("recordingLocation"));
        Assert.Equal(string.Empty, run.Completion.String("recordingAccessToken"));
    }

    /// <summary>
    /// Downloads the recording and checks it: RIFF PCM16 mono 16 kHz; length within the tolerance of
    /// <paramref name="expectedSeconds"/>; the caller's <paramref name="spoken"/> audio at its start; no DTMF.
    /// </summary>
    public static async Task<WavAudio> DownloadedAsync(HarkFixture f, RecordResult run, short[] spoken, double expectedSeconds)
    {
        var op = run.Completed;
        Assert.False(string.IsNullOrEmpty(op.RecordingLocation));
        Assert.False(string.IsNullOrEmpty(op.RecordingAccessToken));
        using var response = await f.DownloadAsync(op.RecordingLocation, op.RecordingAccessToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var wav = await response.Content.ReadAsByteArrayAsync();
        return Wav(wav, spoken, expectedSeconds);
    }

    /// <summary>The checks of <see cref="DownloadedAsync"/> on bytes already fetched.</summary>
    public static WavAudio Wav(byte[] wav, short[] spoken, double expectedSeconds)
    {
        Assert.Equal(new WavHeader(WavHeader.PcmTag, 1, 16000, 16), WavFile.ReadHeader(wav));
        var audio = WavFile.Decode(wav);
        var seconds = audio.Duration.TotalSeconds;
        Assert.True(
            Math.Abs(seconds - expectedSeconds) <= DurationTolerance,
            $"Recording is {seconds:F3} s; the rules imply {expectedSeconds:F3} s (± {DurationTolerance}).");

        // The recording starts at the speech onset, so the caller's audio sits at its very start.
        var reference = WavFile.Resample(spoken, RecordScenario.CallerRate, 16000);
        var match = Correlation.Find(audio.Samples, reference);
        Assert.True(
            match.Score >= 0.8,
            $"Recording matches the caller's audio with correlation {match.Score:F3} only (per 0.1 s piece, start offset:score = "
            + (match.FirstWasShorter ? Correlation.DescribePieces(reference, audio.Samples, 16000) : Correlation.DescribePieces(audio.Samples, reference, 16000)) + ").");
        Assert.True(match.Offset <= DurationTolerance * 16000, $"The caller's audio is {match.Offset / 16000.0:F3} s into the recording, not at its start.");

        var dtmf = ToneAnalysis.MaxDtmfShare(audio.Samples, audio.SampleRate);
        Assert.True(dtmf < 0.5, $"The recording holds DTMF energy (pair share {dtmf:F2}).");
        return audio;
    }

    /// <summary>The caller heard <paramref name="prompt"/> and then the 1 kHz beep; returns the prompt's offset in seconds.</summary>
    public static double HeardPromptThenBeep(byte[] heardWav, short[] prompt)
    {
        var heard = WavFile.Decode(heardWav);
        Assert.Equal(16000, heard.SampleRate);
        var located = Correlation.Locate(heard.Samples, prompt, 16000);
        Assert.True(
            located is not null,
            "The prompt is not in what the caller heard (per 0.1 s piece, start offset:score = "
            + Correlation.DescribePieces(heard.Samples, prompt, 16000) + ").");
        var promptStart = located.Value;
        var promptEnd = promptStart + (prompt.Length / 16000.0);
        var beeps = ToneAnalysis.FindTone(heard.Samples, heard.SampleRate);
        Assert.Contains(beeps, b => b.Start >= promptEnd - 0.05);
        return promptStart;
    }

    /// <summary>A short description of a notification, for sequence checks.</summary>
    public static string Describe(ReceivedNotification n) =>
        n.OperationId is not null
            ? $"{n.ChangeType} operation {n.Status}"
            : n.ResourceData.ValueKind == System.Text.Json.JsonValueKind.Object && n.ResourceData.TryGetProperty("toneInfo", out _)
                ? $"{n.ChangeType} tone"
                : $"{n.ChangeType} {n.State}";

    /// <summary><paramref name="expected"/> occurs in this order within the history (other entries may sit between).</summary>
    public static void Sequence(IReadOnlyList<ReceivedNotification> history, params string[] expected)
    {
        var seen = history.Select(Describe).ToList();
        var at = 0;
        foreach (var item in seen)
        {
            if (at < expected.Length && item == expected[at])
            {
                at++;
            }
        }

        Assert.True(at == expected.Length, $"Expected in order: [{string.Join(", ", expected)}]\nGot: [{string.Join(", ", seen)}]");
    }

    /// <summary>
    /// The tail every completed-record scenario shares: the caller heard the prompt then the beep, the bot hangs
    /// up, the call's notifications came in the normal order, and every notification was genuine.
    /// </summary>
    public static async Task HeardPromptAndEndedNormallyAsync(HarkFixture f, RecordResult run)
    {
        HeardPromptThenBeep(await f.Simulator.GetHeardAsync(run.Call.SimulatorId), RecordScenario.Prompt);
        await f.EndAsync(run.Call);
        Sequence(
            run.Call.Inbox.History,
            "created incoming", "updated establishing", "updated established", "deleted operation completed", "deleted terminated");
        Assert.Empty(f.Listener.Failures);
    }
}
