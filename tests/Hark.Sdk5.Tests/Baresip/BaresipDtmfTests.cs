using System.Text.RegularExpressions;
using Hark.Integration.Harness;
using Microsoft.Graph.Communications.Calls.Item.SendDtmfTones;
using Microsoft.Graph.Models;
using Xunit.Abstractions;

namespace Hark.Sdk5.Tests.Baresip;

/// <summary>
/// The bot's sendDtmfTones reach a real softphone: baresip (which always offers telephone-event) logs each RFC 4733
/// event it receives, so the keys must arrive, in order, each begun and ended, as events it decodes.
/// </summary>
[Collection(Sip.RealTimeSipCollection.Name)]
public sealed partial class BaresipDtmfTests(HarkFixture f, ITestOutputHelper output) : IClassFixture<HarkFixture>
{
    [Fact]
    public async Task SendDtmfTones_BaresipCallee_ReceivesEachKeyInOrderAsRfc4733()
    {
        var cancellationToken = CancellationToken.None;
        var known = f.Listener.CallIds;
        await using var baresip = await Baresip.StartAsync(Baresip.SpeechWav, cancellationToken);
        await baresip.SendCommandAsync($"/dial sip:+15551234@127.0.0.1:{f.Server.SipPort}", cancellationToken);
        var callId = await f.Listener.WaitForNewCallAsync(known, Timeouts.Notification);
        var call = new ConnectedCall("", callId, f.Listener.Call(callId), await f.Listener.Call(callId).WaitForStateAsync("incoming", Timeouts.Notification));
        await f.AnswerAsync(call);
        await baresip.WaitForOutputAsync("Call established", Timeouts.Notification, cancellationToken);

        var started = await f.Graph.Communications.Calls[callId].SendDtmfTones.PostAsync(
            new SendDtmfTonesPostRequestBody { Tones = [Tone.Tone1, Tone.Tone5, Tone.Star, Tone.Pound], DelayBetweenTonesMs = 200 },
            cancellationToken: cancellationToken);
        var done = await call.Inbox.WaitForOperationAsync(started!.Id!, Timeouts.Operation);
        await baresip.WaitForOutputAsync("received event: '#' (end=1)", Timeouts.Notification, cancellationToken);
        await f.Graph.Communications.Calls[callId].DeleteAsync(cancellationToken: cancellationToken);
        await baresip.WaitForOutputAsync("terminated", Timeouts.Notification, cancellationToken);
        var exitCode = await baresip.QuitAsync(cancellationToken);

        // baresip logs each RFC 4733 event as it starts (end=0) and as its end packet arrives (end=1).
        var received = Received().Matches(baresip.Output).Select(m => m.Groups[1].Value + ":" + m.Groups[2].Value).ToList();
        output.WriteLine(string.Join(' ', received));
        Assert.Equal(["1:0", "1:1", "5:0", "5:1", "*:0", "*:1", "#:0", "#:1"], received);
        Assert.Equal(SendDtmfCompletionReason.CompletedSuccessfully, Assert.IsType<SendDtmfTonesOperation>(done.ToOperation()).CompletionReason);
        Assert.Equal(0, exitCode);
        Assert.Empty(f.Listener.Failures);
    }

    [GeneratedRegex(@"received event: '(.)' \(end=(\d)\)")]
    private static partial Regex Received();
}
