using System.Collections.Concurrent;
using Hark.Sip.Messages;
using Hark.Sip.Transactions;
using Hark.Sip.Transport;

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
}
