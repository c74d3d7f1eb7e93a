using System.Net;
using Hark.Integration.Audio;
using Hark.Integration.Harness;
using Hark.Integration.Scenarios;
using Microsoft.Graph.Models;
using Xunit.Abstractions;

using Hark.Sdk5.Tests.Sip;

namespace Hark.Sdk5.Tests.Baresip;

/// <summary>
/// A real softphone calls Hark: baresip dials with a WAV file as its microphone and presses <c>#</c>
/// (RFC 4733 telephone-event, which it offers by itself); the bot, using only the Graph SDK, answers,
/// records until the stop tone, downloads the WAV and hangs up (Hark sends BYE).
/// </summary>
[Collection(Sip.RealTimeSipCollection.Name)]
public sealed class BaresipCallTests(HarkFixture f, ITestOutputHelper output) : IClassFixture<HarkFixture>
{
    // How much speech the caller talks into the recording before pressing the stop key.
    private static readonly TimeSpan SpeechBeforeKey = TimeSpan.FromSeconds(1.5);

    [Fact]
    public async Task RecordResponse_BaresipCallerPressesPound_RecordingMatchesItsMicrophone()
    {
        var cancellationToken = CancellationToken.None;
        var known = f.Listener.CallIds;
        await using var baresip = await Baresip.StartAsync(Baresip.SpeechWav, cancellationToken);
        await baresip.SendCommandAsync($"/dial sip:+15551234@127.0.0.1:{f.Server.SipPort}", cancellationToken);

        var callId = await f.Listener.WaitForNewCallAsync(known, Timeouts.Notification);
        var call = new ConnectedCall("", callId, f.Listener.Call(callId), await f.Listener.Call(callId).WaitForStateAsync("incoming", Timeouts.Notification));
        await f.AnswerAsync(call);
        await baresip.WaitForOutputAsync("Call established", Timeouts.Notification, cancellationToken);
        var started = await f.Graph.Communications.Calls[callId].RecordResponse.PostAsync(SipRecording.UntilPound(), cancellationToken: cancellationToken);

        // Real-time audio: let the caller talk into the recording, then press the stop key (its file lasts 6 s).
        await Task.Delay(SpeechBeforeKey, cancellationToken);
        await baresip.PressKeyAsync('#', cancellationToken);
        var completion = await call.Inbox.WaitForOperationAsync(started!.Id!, Timeouts.Operation);
        var op = Assert.IsType<RecordOperation>(completion.ToOperation());
        using var download = await f.DownloadAsync(op.RecordingLocation!, op.RecordingAccessToken);
        var wav = await download.Content.ReadAsByteArrayAsync(cancellationToken);
        await f.Graph.Communications.Calls[callId].DeleteAsync(cancellationToken: cancellationToken);
        await baresip.WaitForOutputAsync("terminated", Timeouts.Notification, cancellationToken);
        var exitCode = await baresip.QuitAsync(cancellationToken);

        Assert.Contains("send DTMF digit: '#'", baresip.Output, StringComparison.Ordinal);
        Assert.Equal(OperationStatus.Completed, op.Status);
        Assert.Equal(8514, op.ResultInfo?.Subcode);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var audio = WavFile.Decode(wav);
        Assert.Equal(16000, audio.SampleRate);

        // The recording starts a moment after baresip began talking (answer, established, recordResponse),
        // so it is a middle part of the file: its start must be found in the reference.
        Assert.InRange(audio.Duration.TotalSeconds, SpeechBeforeKey.TotalSeconds - 0.5, SpeechBeforeKey.TotalSeconds + 1.5);
        var reference = WavFile.Resample(WavFile.Decode(File.ReadAllBytes(Baresip.SpeechWav)).Samples, 8000, 16000);
        var piece = audio.Samples[..Math.Min(audio.Samples.Length, 8000)];
        var match = Correlation.Find(reference, piece);
        output.WriteLine($"recording {audio.Duration.TotalSeconds:0.00} s, match {match}");
        Assert.True(match.Score > 0.6, $"recording not found in what baresip sent: {match}\n{baresip.Output}");
        Assert.Equal(0, exitCode);
        Assert.Empty(f.Listener.Failures);
    }
}
