using System.Net;
using System.Text.RegularExpressions;
using Hark.Integration.Audio;
using Hark.Integration.Harness;
using Hark.Integration.Scenarios;
using Microsoft.Graph.Models;
using Xunit.Abstractions;

using Hark.Sdk5.Tests.Sip;

namespace Hark.Sdk5.Tests.Linphone;

/// <summary>
/// A real softphone with its default codec list calls Hark: linphonec offers opus, speex, PCMU, PCMA, G729
/// (in that order) and telephone-event, plays a WAV file instead of a microphone and sends <c>#</c>; the bot,
/// using only the Graph SDK, answers, records until the stop tone, downloads the WAV and hangs up.
/// </summary>
[Collection(Sip.RealTimeSipCollection.Name)]
public sealed class LinphoneCallTests(HarkFixture f, ITestOutputHelper output) : IClassFixture<HarkFixture>
{
    // How much speech the caller talks into the recording before sending the stop tone.
    private static readonly TimeSpan SpeechBeforeTone = TimeSpan.FromSeconds(1.5);

    [Fact]
    public async Task RecordResponse_LinphoneCallerSendsPound_AnswersG711AndRecordingMatchesItsFile()
    {
        var cancellationToken = CancellationToken.None;
        var known = f.Listener.CallIds;
        var speech = Linphone.SpeechWav;
        await using var linphone = await Linphone.StartAsync(speech, cancellationToken);
        await linphone.SendCommandAsync($"call sip:+15551234@127.0.0.1:{f.Server.SipPort}", cancellationToken);

        var callId = await f.Listener.WaitForNewCallAsync(known, Timeouts.Notification);
        var call = new ConnectedCall("", callId, f.Listener.Call(callId), await f.Listener.Call(callId).WaitForStateAsync("incoming", Timeouts.Notification));
        await f.AnswerAsync(call);
        await linphone.WaitForOutputAsync("Media streams established", Timeouts.Notification, cancellationToken);
        var started = await f.Graph.Communications.Calls[callId].RecordResponse.PostAsync(SipRecording.UntilPound(), cancellationToken: cancellationToken);

        // Real-time audio: let the caller talk into the recording, then send the stop tone.
        await Task.Delay(SpeechBeforeTone, cancellationToken);
        await linphone.SendDtmfAsync('#', cancellationToken);
        var completion = await call.Inbox.WaitForOperationAsync(started!.Id!, Timeouts.Operation);
        var op = Assert.IsType<RecordOperation>(completion.ToOperation());
        using var download = await f.DownloadAsync(op.RecordingLocation!, op.RecordingAccessToken);
        var wav = await download.Content.ReadAsByteArrayAsync(cancellationToken);
        await f.Graph.Communications.Calls[callId].DeleteAsync(cancellationToken: cancellationToken);
        await linphone.WaitForOutputAsync(" ended (", Timeouts.Notification, cancellationToken);
        var exitCode = await linphone.QuitAsync(cancellationToken);

        // linphonec's own offer leads with opus; Hark's answer takes the first G.711 codec out of it (PCMU comes
        // before PCMA in linphone's list) and the telephone-event at 8 kHz, which carried the '#'.
        var offer = linphone.FindInviteMessage("INVITE ");
        var answer = linphone.FindInviteMessage("SIP/2.0 200 ");
        output.WriteLine($"offer: {AudioLine(offer)}\nanswer: {AudioLine(answer)}");
        Assert.True(offer is not null && answer is not null, "no offer or answer in linphonec's log:\n" + linphone.Output);
        var offered = Regex.Match(offer, @"(?m)^m=audio \d+ RTP/AVP (\d+) ");
        Assert.Matches($@"(?m)^a=rtpmap:{offered.Groups[1].Value} opus/48000", offer);
        Assert.Matches(@"(?m)^m=audio \d+ RTP/AVP 0 ", answer);
        Assert.Matches(@"(?m)^a=rtpmap:0 PCMU/8000\r?$", answer);
        Assert.Matches(@"(?m)^a=rtpmap:(\d+) telephone-event/8000\r?$", answer);
        Assert.Contains("Finished sending RFC2833 dtmf", linphone.Output, StringComparison.Ordinal);
        Assert.Equal(OperationStatus.Completed, op.Status);
        Assert.Equal(8514, op.ResultInfo?.Subcode);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var audio = WavFile.Decode(wav);
        Assert.Equal(16000, audio.SampleRate);

        // The recording starts a moment after linphonec began playing (answer, established, recordResponse),
        // so it is a middle part of the file: its start must be found in the reference.
        Assert.InRange(audio.Duration.TotalSeconds, SpeechBeforeTone.TotalSeconds - 0.5, SpeechBeforeTone.TotalSeconds + 1.5);
        var reference = WavFile.Resample(WavFile.Decode(File.ReadAllBytes(speech)).Samples, 8000, 16000);
        var piece = audio.Samples[..Math.Min(audio.Samples.Length, 8000)];
        var match = Correlation.Find(reference, piece);
        output.WriteLine($"recording {audio.Duration.TotalSeconds:0.00} s, match {match}");
        Assert.True(match.Score > 0.6, $"recording not found in what linphonec sent: {match}\n{linphone.Output}");
        Assert.Equal(0, exitCode);
        Assert.Empty(f.Listener.Failures);
    }

    private static string? AudioLine(string? sdp) =>
        sdp is null ? null : Regex.Match(sdp, @"(?m)^m=audio [^\r\n]*").Value;
}
