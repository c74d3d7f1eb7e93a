using System.Net;
using Hark.Integration.Harness;
using Microsoft.Graph.Communications.Calls.Item.Answer;
using Microsoft.Graph.Models;
using Xunit.Abstractions;

namespace Hark.Sdk5.Tests.Sip;

/// <summary>
/// Calls never mix (RFC 3261 §8.2.2.2 and §12): hundreds of odd INVITE sequences from a raw UDP caller (merged
/// INVITEs with a new branch, duplicates, CANCEL races, an INVITE reusing a live call's Call-ID, no ACK, BYE
/// before ACK, CANCEL after the 200) each get the right answers, never touch another call, and leave no RTP
/// socket bound: the kernel's count of UDP sockets in Hark's RTP range is back to where it started.
/// </summary>
[Collection(RealTimeSipCollection.Name)]
public sealed class SipCollisionTests(SipCollisionTests.Fixture f, ITestOutputHelper output) : IClassFixture<SipCollisionTests.Fixture>
{
    private const string Number = "+15551234";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Invite_OddSequencesByTheHundred_MergedGet482CallsStayApartAndEveryRtpPortIsReleased()
    {
        var hark = new IPEndPoint(IPAddress.Loopback, f.Server.SipPort);
        using var peer = new RawSipPeer(hark);
        var before = BoundSockets.Udp(f.RtpMin, f.RtpMax);
        var offeredBefore = f.Listener.CallIds.Count;

        // Answered by the bot: no ACK at all, BYE before ACK, CANCEL after the 200.
        for (var i = 0; i < 10; i++)
        {
            await AnsweredAsync(peer, $"c{i}", (callId, tag, branch, toTag) => { });
            await AnsweredAsync(peer, $"d{i}", async (callId, tag, branch, toTag) =>
            {
                peer.Send(peer.Bye(callId, tag, toTag, Number));
                await peer.WaitForAsync(callId, "BYE", 200, Patience);
            });
            await AnsweredAsync(peer, $"e{i}", async (callId, tag, branch, toTag) =>
            {
                peer.Send(peer.Cancel(callId, tag, branch, Number));
                await peer.WaitForAsync(callId, "CANCEL", 200, Patience);
                peer.Send(peer.Ack(callId, tag, toTag, "z9hG4bK-ack-" + callId, Number));
                peer.Send(peer.Bye(callId, tag, toTag, Number));
                await peer.WaitForAsync(callId, "BYE", 200, Patience);
            });
        }

        // Ringing: a duplicate, a merged copy with a new branch (482), then CANCEL (200, and 487 for the INVITE).
        for (var i = 0; i < 100; i++)
        {
            var callId = $"a{i}-{Guid.NewGuid():N}";
            peer.Send(peer.Invite(callId, "ta", "z9hG4bK-a1-" + callId, Number));
            await peer.WaitForAsync(r => r.CallId == callId && r.StatusCode < 200, Patience, "a provisional for " + callId);
            peer.Send(peer.Invite(callId, "ta", "z9hG4bK-a1-" + callId, Number));
            peer.Send(peer.Invite(callId, "ta", "z9hG4bK-a2-" + callId, Number));
            var merged = await peer.WaitForAsync(callId, "INVITE", 482, Patience, "z9hG4bK-a2-" + callId);
            peer.Send(peer.Ack(callId, "ta", merged.To.Tag!, "z9hG4bK-a2-" + callId, Number));
            peer.Send(peer.Cancel(callId, "ta", "z9hG4bK-a1-" + callId, Number));
            await peer.WaitForAsync(callId, "CANCEL", 200, Patience);
            var cancelled = await peer.WaitForAsync(callId, "INVITE", 487, Patience, "z9hG4bK-a1-" + callId);
            peer.Send(peer.Ack(callId, "ta", cancelled.To.Tag!, "z9hG4bK-a1-" + callId, Number));
        }

        // An INVITE that reuses a live call's Call-ID (another From tag) is a call of its own: cancelling it
        // leaves the first one ringing, and the first one's own CANCEL still finds it (200 and 487, not 481).
        for (var i = 0; i < 50; i++)
        {
            var callId = $"b{i}-{Guid.NewGuid():N}";
            peer.Send(peer.Invite(callId, "victim", "z9hG4bK-b1-" + callId, Number));
            await peer.WaitForAsync(r => r.CallId == callId && r.StatusCode < 200 && r.TopVia.Branch == "z9hG4bK-b1-" + callId, Patience, "victim ringing");
            peer.Send(peer.Invite(callId, "intruder", "z9hG4bK-b2-" + callId, Number));
            await peer.WaitForAsync(r => r.CallId == callId && r.StatusCode < 200 && r.TopVia.Branch == "z9hG4bK-b2-" + callId, Patience, "intruder ringing");
            peer.Send(peer.Cancel(callId, "intruder", "z9hG4bK-b2-" + callId, Number));
            var intruder = await peer.WaitForAsync(callId, "INVITE", 487, Patience, "z9hG4bK-b2-" + callId);
            peer.Send(peer.Ack(callId, "intruder", intruder.To.Tag!, "z9hG4bK-b2-" + callId, Number));
            peer.Send(peer.Cancel(callId, "victim", "z9hG4bK-b1-" + callId, Number));
            var victim = await peer.WaitForAsync(callId, "INVITE", 487, Patience, "z9hG4bK-b1-" + callId);
            peer.Send(peer.Ack(callId, "victim", victim.To.Tag!, "z9hG4bK-b1-" + callId, Number));
            Assert.NotEqual(victim.To.Tag, intruder.To.Tag);
        }

        var during = BoundSockets.Udp(f.RtpMin, f.RtpMax);

        // The unacknowledged 200s end with Timer H (64*T1 = 32 s); then nothing may stay bound.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (BoundSockets.Udp(f.RtpMin, f.RtpMax) > before && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        var after = BoundSockets.Udp(f.RtpMin, f.RtpMax);
        output.WriteLine($"RTP sockets bound in {f.RtpMin}-{f.RtpMax}: before {before}, after the sequences {during}, at the end {after}; {peer.ResponseCount} responses");
        Assert.Equal(before, after);
        Assert.Equal(30 + 100 + 100, f.Listener.CallIds.Count - offeredBefore);
        Assert.Empty(f.Listener.Failures);
    }

    // INVITE, the bot answers, the 200 arrives; then the sequence's own ending.
    private async Task AnsweredAsync(RawSipPeer peer, string name, Func<string, string, string, string, Task> then)
    {
        var callId = $"{name}-{Guid.NewGuid():N}";
        var branch = "z9hG4bK-" + callId;
        var known = f.Listener.CallIds;
        peer.Send(peer.Invite(callId, "t" + name, branch, Number));
        var graphId = await f.Listener.WaitForNewCallAsync(known, Timeouts.Notification);
        await f.Listener.Call(graphId).WaitForStateAsync("incoming", Timeouts.Notification);
        await f.Graph.Communications.Calls[graphId].Answer.PostAsync(new AnswerPostRequestBody
        {
            CallbackUri = f.Listener.CallbackUri.ToString(),
            MediaConfig = new ServiceHostedMediaConfig(),
            AcceptedModalities = [Modality.Audio],
        });
        var ok = await peer.WaitForAsync(callId, "INVITE", 200, Patience);
        await then(callId, "t" + name, branch, ok.To.Tag!);
    }

    private async Task AnsweredAsync(RawSipPeer peer, string name, Action<string, string, string, string> then) =>
        await AnsweredAsync(peer, name, (a, b, c, d) =>
        {
            then(a, b, c, d);
            return Task.CompletedTask;
        });

    public sealed class Fixture : HarkFixture
    {
        public Fixture()
        {
            RtpMin = FreeUdpPort.NextBlock(400);
            RtpMax = RtpMin + 399;
        }

        public int RtpMin { get; }

        public int RtpMax { get; }

        protected override IEnumerable<string> ExtraSettings =>
        [
            $"--Hark:Applications:0:Numbers:0={Number}",
            $"--Hark:Rtp:PortMin={RtpMin}",
            $"--Hark:Rtp:PortMax={RtpMax}",
        ];
    }
}
