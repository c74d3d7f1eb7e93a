using System.Collections.Concurrent;
using System.Net;
using Hark.Sip.Messages;
using Hark.Sip.Transactions;
using Hark.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace Hark.Sip.Tests.Transport;

public class SipTransactionManagerTests
{
    private static readonly TimeSpan T1 = SipTimerSettings.Default.T1;

    [Fact]
    public async Task SendRequestAsync_InviteOverUdp_RetransmitsOnTimerAUntilAProvisionalArrives()
    {
        await using var rig = new UdpRig();
        var invite = SipWire.Parse(SipWire.Bytes(SipWire.Request("INVITE", $"SIP/2.0/UDP 127.0.0.1:{rig.Hark.Port};branch={SipIdentifiers.NewBranch()};rport")));
        var ringing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = new ConcurrentQueue<int>();

        var final = rig.Manager.SendRequestAsync(invite, rig.Peer.EndPoint, rig.Transport, r =>
        {
            seen.Enqueue(r.StatusCode);
            if (r.StatusCode == 180)
            {
                ringing.TrySetResult();
            }
        });
        var first = await rig.Peer.ReceiveMessageAsync();
        rig.Clock.Advance(T1);
        var second = await rig.Peer.ReceiveMessageAsync();
        rig.Clock.Advance(2 * T1);
        var third = await rig.Peer.ReceiveMessageAsync();
        rig.Peer.Send(SipResponses.CreateFrom(first, 180, toTag: "uas"), rig.Hark);
        await ringing.Task;
        rig.Clock.Advance(16 * T1);
        rig.Peer.Send(SipResponses.CreateFrom(first, 486, toTag: "uas"), rig.Hark);

        // After the 180 the INVITE is never sent again: the next datagram is the ACK for the 486.
        var next = await rig.Peer.ReceiveMessageAsync();
        Assert.All([first, second, third], m => Assert.Equal(SipMethods.Invite, m.Method));
        Assert.Equal(SipMethods.Ack, next.Method);
        Assert.Equal(486, (await final).StatusCode);
        Assert.Equal([180, 486], seen);
    }

    [Fact]
    public async Task SendRequestAsync_NoAnswer_CompletesWithLocal408AfterTimerF()
    {
        await using var rig = new UdpRig();
        var options = SipWire.Parse(SipWire.Bytes(SipWire.Request("OPTIONS", $"SIP/2.0/UDP 127.0.0.1:{rig.Hark.Port};branch={SipIdentifiers.NewBranch()}")));

        var final = rig.Manager.SendRequestAsync(options, rig.Peer.EndPoint, rig.Transport);
        rig.Clock.Advance(64 * T1);

        Assert.Equal(408, (await final).StatusCode);
        Assert.Equal(0, rig.Manager.ClientTransactionCount);
    }

    [Fact]
    public async Task OnMessage_OptionsWithDefaultHandler_Answers200WithAllow()
    {
        await using var rig = new UdpRig();

        rig.Peer.Send(SipWire.Request("OPTIONS", rig.Via("z9hG4bKopt")), rig.Hark);
        var response = await rig.Peer.ReceiveMessageAsync();

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(["INVITE", "ACK", "CANCEL", "BYE", "OPTIONS"], response.Allow);
        Assert.NotNull(response.To.Tag);
    }

    [Fact]
    public async Task Respond_HandlerLeavesTheToTagOut_ResponseAndItsRetransmissionCarryOneTag()
    {
        await using var rig = new UdpRig();
        rig.Handler.Answer = (tx, request) =>
        {
            tx.Respond(SipResponses.CreateFrom(request, 404));
            return true;
        };
        var request = SipWire.Request("MESSAGE", rig.Via("z9hG4bKnotag"));

        rig.Peer.Send(request, rig.Hark);
        var first = await rig.Peer.ReceiveMessageAsync();
        rig.Peer.Send(request, rig.Hark);
        var again = await rig.Peer.ReceiveMessageAsync();

        Assert.Equal(404, first.StatusCode);
        Assert.False(string.IsNullOrEmpty(first.To.Tag));
        Assert.Equal(first.To.Tag, again.To.Tag);
    }

    [Fact]
    public async Task Respond_InviteRefusedWithoutToTag_FinalAndItsTimerGRetransmissionCarryOneTag()
    {
        await using var rig = new UdpRig();
        rig.Handler.Answer = (tx, request) =>
        {
            tx.Respond(SipResponses.CreateFrom(request, 488));
            return true;
        };

        rig.Peer.Send(SipWire.Request("INVITE", rig.Via("z9hG4bKrefused")), rig.Hark);
        var refused = await rig.Peer.ReceiveMessageAsync();
        rig.Clock.Advance(T1);
        var again = await rig.Peer.ReceiveMessageAsync();

        Assert.Equal(488, refused.StatusCode);
        Assert.False(string.IsNullOrEmpty(refused.To.Tag));
        Assert.Equal((488, refused.To.Tag), (again.StatusCode, again.To.Tag));
    }

    [Fact]
    public async Task OnMessage_UnknownMethodWithDefaultHandler_Answers501()
    {
        await using var rig = new UdpRig();

        rig.Peer.Send(SipWire.Request("FROBNICATE", rig.Via("z9hG4bKfrob")), rig.Hark);

        Assert.Equal(501, (await rig.Peer.ReceiveMessageAsync()).StatusCode);
    }

    [Fact]
    public async Task OnMessage_AnsweredNonInviteOverUdp_TransactionRemovedAfterTimerJ()
    {
        await using var rig = new UdpRig();
        rig.Peer.Send(SipWire.Request("OPTIONS", rig.Via("z9hG4bKgone")), rig.Hark);
        await rig.Peer.ReceiveMessageAsync();

        Assert.Equal(1, rig.Manager.ServerTransactionCount);
        rig.Clock.Advance(64 * T1);

        Assert.Equal(0, rig.Manager.ServerTransactionCount);
    }

    [Fact]
    public async Task OnMessage_CancelMatchingRingingInvite_Answers200AndTellsTheHandlerWhichInvite()
    {
        await using var rig = new UdpRig();
        rig.Handler.Answer = (tx, request) => RecordingHandler.Reply(tx, request, 180);
        rig.Handler.Cancelled = (invite, _) => invite.Respond(SipResponses.CreateFrom(invite.Request, 487, toTag: "uas1"));
        rig.Peer.Send(SipWire.Request("INVITE", rig.Via("z9hG4bKinv"), callId: "inv@test"), rig.Hark);
        Assert.Equal(180, (await rig.Peer.ReceiveMessageAsync()).StatusCode);

        rig.Peer.Send(SipWire.Request("CANCEL", rig.Via("z9hG4bKinv"), callId: "inv@test"), rig.Hark);
        var responses = new[] { await rig.Peer.ReceiveMessageAsync(), await rig.Peer.ReceiveMessageAsync() };
        var (invite, cancel) = await rig.Handler.Cancels.Reader.ReadAsync();

        Assert.Equal(SipMethods.Invite, invite.Request.Method);
        Assert.Equal("inv@test", invite.Request.CallId);
        Assert.Equal(SipMethods.Cancel, cancel.Method);
        Assert.True(invite.IsCancelled);
        Assert.Contains(responses, r => r.StatusCode == 200 && r.CSeq.Method == SipMethods.Cancel);
        Assert.Contains(responses, r => r.StatusCode == 487 && r.CSeq.Method == SipMethods.Invite);
    }

    [Fact]
    public async Task OnMessage_CancelMatchingNothing_Answers481()
    {
        await using var rig = new UdpRig();

        rig.Peer.Send(SipWire.Request("CANCEL", rig.Via("z9hG4bKnobody")), rig.Hark);
        var response = await rig.Peer.ReceiveMessageAsync();

        Assert.Equal(481, response.StatusCode);
        Assert.Equal(0, rig.Handler.Cancels.Reader.Count);
    }

    [Fact]
    public async Task OnMessage_AckForA2xxWithItsOwnBranch_GoesToTheHandler()
    {
        await using var rig = new UdpRig();
        rig.Handler.Answer = (tx, request) => RecordingHandler.Reply(tx, request, 200);
        rig.Peer.Send(SipWire.Request("INVITE", rig.Via("z9hG4bKinv2"), callId: "ack@test"), rig.Hark);
        Assert.Equal(200, (await rig.Peer.ReceiveMessageAsync()).StatusCode);

        rig.Peer.Send(SipWire.Request("ACK", rig.Via("z9hG4bKack2"), callId: "ack@test"), rig.Hark);
        var ack = await rig.Handler.Acks.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("ack@test", ack.CallId);
        Assert.Single(rig.Handler.Requests);
    }

    [Fact]
    public async Task OnMessage_InviteLeftUnansweredOverUdp_Sends100TryingAfter200Ms()
    {
        await using var rig = new UdpRig();
        rig.Handler.Answer = (_, _) => true;
        rig.Peer.Send(SipWire.Request("INVITE", rig.Via("z9hG4bKtry")), rig.Hark);
        await rig.Handler.RequestsSeen.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));

        rig.Clock.Advance(SipTimerSettings.Default.TryingDelay);

        Assert.Equal(100, (await rig.Peer.ReceiveMessageAsync()).StatusCode);
    }

    [Fact]
    public async Task OnMessage_HandlerThrows_Answers500()
    {
        await using var rig = new UdpRig();
        rig.Handler.Answer = (_, _) => throw new InvalidOperationException("TU bug");

        rig.Peer.Send(SipWire.Request("INFO", rig.Via("z9hG4bKboom")), rig.Hark);

        Assert.Equal(500, (await rig.Peer.ReceiveMessageAsync()).StatusCode);
    }

    [Fact]
    public async Task OnMessage_HandlerThrowsOnEveryEntry_LoggedAtErrorAndTheLoopGoesOn()
    {
        await using var rig = new UdpRig();
        rig.Handler.Answer = (_, r) => r.Method == "INFO" ? throw new InvalidOperationException("TU bug") : false;
        var throwing = new ThrowingSink(rig.Manager);
        await using var udp = new UdpSipTransport(new IPEndPoint(IPAddress.Loopback, 0), rig.Logger, rig.Clock);
        udp.Start(throwing);

        // The TU throws on INFO (answered 500); the sink itself throws on every other datagram.
        rig.Peer.Send(SipWire.Request("INFO", rig.Via("z9hG4bKboom1")), rig.Hark);
        Assert.Equal(500, (await rig.Peer.ReceiveMessageAsync()).StatusCode);
        for (var i = 0; i < 4; i++)
        {
            rig.Peer.Send(SipWire.Request("OPTIONS", rig.Via($"z9hG4bKsink{i}"), callId: $"sink{i}@test"), udp.LocalEndPoint);
        }

        var answered = await rig.Peer.ReceiveMessageAsync();
        rig.Peer.Send(SipWire.Request("OPTIONS", rig.Via("z9hG4bKafter")), rig.Hark);

        Assert.Equal(200, answered.StatusCode);
        Assert.Equal(200, (await rig.Peer.ReceiveMessageAsync()).StatusCode);
        await WaitUntilAsync(() => udp.DatagramsReceived == 4);
        var errors = rig.Logger.Events.Where(e => e.Level == LogLevel.Error).ToList();
        Assert.Contains(errors, e => e.Exception?.Message == "TU bug");
        Assert.Contains(errors, e => e.Exception?.Message == "sink bug");
    }

    [Fact]
    public async Task OnMessage_SameInviteWithNewBranchWhileInProgress_AnsweredLoopDetected482()
    {
        await using var rig = new UdpRig();
        rig.Handler.Answer = (_, _) => true;

        rig.Peer.Send(SipWire.Request("INVITE", rig.Via("z9hG4bKfirst")), rig.Hark);
        Assert.Equal(SipMethods.Invite, (await rig.Handler.RequestsSeen.Reader.ReadAsync()).Method);
        rig.Peer.Send(SipWire.Request("INVITE", rig.Via("z9hG4bKsecond")), rig.Hark);
        var merged = await rig.Peer.ReceiveMessageAsync();

        Assert.Equal((482, "z9hG4bKsecond"), (merged.StatusCode, merged.TopVia.Branch));
        Assert.NotNull(merged.To.Tag);
        Assert.Single(rig.Handler.Requests);
    }

    [Fact]
    public async Task OnMessage_RequestsBeyondTheSourceRate_AreDroppedAndWarnedOnce()
    {
        await using var rig = new UdpRig(new SipLimits { RequestsPerSecondPerAddress = 1, RequestBurstPerAddress = 5 });

        for (var i = 0; i < 20; i++)
        {
            rig.Peer.Send(SipWire.Request("OPTIONS", rig.Via($"z9hG4bKrate{i}"), callId: $"rate{i}@test"), rig.Hark);
        }

        var answers = new List<SipMessage>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(await rig.Peer.ReceiveMessageAsync());
        }

        await WaitUntilAsync(() => rig.Transport.DatagramsReceived == 20);
        Assert.Equal(15, rig.Manager.RateLimitedRequests);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(rig.Peer.ReceiveMessageAsync);
        Assert.Single(rig.Logger.At(LogLevel.Warning));

        // One second later the bucket holds one request again.
        rig.Clock.Advance(TimeSpan.FromSeconds(1));
        rig.Peer.Send(SipWire.Request("OPTIONS", rig.Via("z9hG4bKlater"), callId: "later@test"), rig.Hark);
        Assert.Equal(200, (await rig.Peer.ReceiveMessageAsync()).StatusCode);
    }

    [Fact]
    public async Task OnMessage_TransactionTableFull_NewInviteGets503WithRetryAfterAndByeStillPasses()
    {
        await using var rig = new UdpRig(new SipLimits { MaxServerTransactions = 8, RetryAfterSeconds = 7 });
        rig.Handler.Answer = (tx, r) => r.Method == SipMethods.Bye ? RecordingHandler.Reply(tx, r, 200) : true;

        for (var i = 0; i < 8; i++)
        {
            rig.Peer.Send(SipWire.Request("INVITE", rig.Via($"z9hG4bKfull{i}"), callId: $"full{i}@test"), rig.Hark);
            await rig.Handler.RequestsSeen.Reader.ReadAsync();
        }

        rig.Peer.Send(SipWire.Request("INVITE", rig.Via("z9hG4bKover"), callId: "over@test"), rig.Hark);
        var refused = await rig.Peer.ReceiveMessageAsync();
        rig.Peer.Send(SipWire.Request("BYE", rig.Via("z9hG4bKbye"), callId: "full0@test", cseq: 2), rig.Hark);
        var bye = await rig.Peer.ReceiveMessageAsync();

        Assert.Equal((503, "7"), (refused.StatusCode, refused.GetHeader("Retry-After")));
        Assert.Equal((200, SipMethods.Bye), (bye.StatusCode, bye.CSeq.Method));
        Assert.Equal(9, rig.Manager.ServerTransactionCount);
        Assert.Equal(1, rig.Manager.OverloadedRequests);
        Assert.Single(rig.Logger.At(LogLevel.Warning));
    }

    [Fact]
    public void For_ViaWithMaddr_IgnoresMaddr()
    {
        var via = SipVia.Parse("SIP/2.0/UDP 192.0.2.1:5070;maddr=198.51.100.9;received=203.0.113.4;rport=40000;branch=z9hG4bKm");

        Assert.Equal(("203.0.113.4", 40000), SipResponseTarget.For(via));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 5 s");
            await Task.Delay(10);
        }
    }

    private sealed class ThrowingSink(ISipTransportSink next) : ISipTransportSink
    {
        private int _count;

        public void OnMessage(ISipTransport transport, SipMessage message, IPEndPoint source)
        {
            if (Interlocked.Increment(ref _count) % 2 == 1)
            {
                throw new InvalidOperationException("sink bug");
            }

            next.OnMessage(transport, message, source);
        }
    }
}
