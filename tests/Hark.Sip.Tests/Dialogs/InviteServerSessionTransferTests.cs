using System.Text;
using Hark.Sip.Dialogs;
using Hark.Sip.Messages;

namespace Hark.Sip.Tests.Dialogs;

/// <summary>Redirect (302) before the answer, and blind transfer (REFER, RFC 3515) with its NOTIFY/sipfrag progress after it.</summary>
public class InviteServerSessionTransferTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public void Redirect_Ringing_Sends302WithOneContactPerTargetAndEnds()
    {
        var session = NewSession();
        session.Ring();

        var actions = session.Redirect(["sip:+15550001@trunk.example.com:5080", "sip:bob@192.0.2.99", "tel:+15550002"]);

        var moved = Assert.Single(actions).Message!;
        var wire = DialogText.Wire(moved);
        Assert.StartsWith("SIP/2.0 302 Moved Temporarily\r\n", wire, StringComparison.Ordinal);
        Assert.Contains("To: <sip:100@192.0.2.10>;tag=hark-tag-1\r\n", wire, StringComparison.Ordinal);
        Assert.Equal(
            ["sip:+15550001@trunk.example.com:5080", "sip:bob@192.0.2.99", "tel:+15550002"],
            DialogText.Reparse(moved).Contacts.Select(c => c.Uri));
        Assert.Equal(SipSessionState.Terminated, session.State);
    }

    [Fact]
    public void Redirect_Answered_SendsNothing()
    {
        var session = Confirmed(out _);

        Assert.Empty(session.Redirect(["sip:bob@192.0.2.99"]));
        Assert.Equal(SipSessionState.Confirmed, session.State);
    }

    [Fact]
    public void Transfer_Confirmed_SendsReferWithReferToReferredByAndContactInTheDialog()
    {
        var session = Confirmed(out var harkTag);

        var actions = session.Transfer("sip:+15550001@trunk.example.com:5080", Deadline);

        var refer = Assert.Single(actions, a => a.Kind == SipSessionActionKind.SendRequest).Message!;
        var parsed = DialogText.Reparse(refer);
        Assert.Equal("REFER", parsed.Method);
        Assert.Equal("sip:alice@198.51.100.7:5060", parsed.RequestUri);
        Assert.Equal(harkTag, parsed.From.Tag);
        Assert.Equal(DialogText.CallerTag, parsed.To.Tag);
        Assert.Equal("<sip:+15550001@trunk.example.com:5080>", parsed.GetHeader("Refer-To"));
        Assert.Equal("<sip:hark@192.0.2.10:5060>", parsed.GetHeader("Referred-By"));
        Assert.Equal("sip:hark@192.0.2.10:5060", Assert.Single(parsed.Contacts).Uri);
        Assert.Equal("<sip:192.0.2.1;lr;ftag=alice-tag>", Assert.Single(parsed.GetHeaders("Route")));
        Assert.Contains(actions, a => a.Kind == SipSessionActionKind.StartTimer && a.Timer == SipSessionTimer.TransferTimeout && a.Delay == Deadline);
    }

    [Fact]
    public void Transfer_AcceptedThenTryingRingingOk_ReportsAcceptedThenSucceededAndAnswersEachNotify()
    {
        var session = Confirmed(out var harkTag);
        var clock = new SessionClock();
        var refer = clock.Apply(session.Transfer("sip:bob@192.0.2.99", Deadline)).Single(a => a.Kind == SipSessionActionKind.SendRequest).Message!;

        clock.Apply(session.OnResponse(DialogText.ResponseTo(refer, 202)));
        var notifies = new[] { (100, "Trying", "active;expires=60"), (180, "Ringing", "active;expires=60"), (200, "OK", "terminated;reason=noresource") };
        var cseq = 2u;
        foreach (var (status, reason, state) in notifies)
        {
            clock.Apply(session.OnRequest(Notify(harkTag, cseq++, SipFragment.Status(status, reason), state)));
        }

        Assert.Equal([SipSessionEvent.TransferAccepted, SipSessionEvent.TransferSucceeded], clock.Reports);
        Assert.Equal([200, 200, 200], clock.Responses.Select(r => r.StatusCode));
        Assert.False(clock.IsRunning(SipSessionTimer.TransferTimeout));
        Assert.Equal(SipSessionState.Confirmed, session.State);
    }

    [Theory]
    [InlineData(403)]
    [InlineData(501)]
    [InlineData(603)]
    public void Transfer_ReferRefused_ReportsFailedWithTheStatusAndTheDialogGoesOn(int status)
    {
        var session = Confirmed(out _);
        var clock = new SessionClock();
        var refer = clock.Apply(session.Transfer("sip:bob@192.0.2.99", Deadline)).Single(a => a.Kind == SipSessionActionKind.SendRequest).Message!;

        clock.Apply(session.OnResponse(DialogText.ResponseTo(refer, status)));

        var failed = Assert.Single(clock.Of(SipSessionActionKind.Report));
        Assert.Equal((SipSessionEvent.TransferFailed, status), (failed.Event, failed.StatusCode));
        Assert.Contains($"REFER answered {status}", failed.Detail, StringComparison.Ordinal);
        Assert.Equal(SipSessionState.Confirmed, session.State);
        Assert.False(clock.IsRunning(SipSessionTimer.TransferTimeout));
    }

    [Fact]
    public void Transfer_SipfragBusy_ReportsFailedWith486()
    {
        var session = Confirmed(out var harkTag);
        var clock = new SessionClock();
        var refer = clock.Apply(session.Transfer("sip:bob@192.0.2.99", Deadline)).Single(a => a.Kind == SipSessionActionKind.SendRequest).Message!;
        clock.Apply(session.OnResponse(DialogText.ResponseTo(refer, 202)));

        clock.Apply(session.OnRequest(Notify(harkTag, 2, SipFragment.Status(486, "Busy Here"), "terminated;reason=noresource")));

        Assert.Equal([SipSessionEvent.TransferAccepted, SipSessionEvent.TransferFailed], clock.Reports);
        var failed = clock.Of(SipSessionActionKind.Report).Last();
        Assert.Equal(486, failed.StatusCode);
        Assert.Contains("486 Busy Here", failed.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Transfer_NotifyBeforeTheReferAnswer_CountsAsAccepted()
    {
        var session = Confirmed(out var harkTag);
        var clock = new SessionClock();
        var refer = clock.Apply(session.Transfer("sip:bob@192.0.2.99", Deadline)).Single(a => a.Kind == SipSessionActionKind.SendRequest).Message!;

        clock.Apply(session.OnRequest(Notify(harkTag, 2, SipFragment.Status(100, "Trying"), "active")));
        clock.Apply(session.OnResponse(DialogText.ResponseTo(refer, 202)));

        Assert.Equal([SipSessionEvent.TransferAccepted], clock.Reports);
    }

    [Fact]
    public void Transfer_SubscriptionTerminatedWithoutFinalStatus_ReportsFailed()
    {
        var session = Confirmed(out var harkTag);
        var clock = new SessionClock();
        clock.Apply(session.Transfer("sip:bob@192.0.2.99", Deadline));

        clock.Apply(session.OnRequest(Notify(harkTag, 2, SipFragment.Status(180, "Ringing"), "terminated;reason=timeout")));

        Assert.Equal([SipSessionEvent.TransferAccepted, SipSessionEvent.TransferFailed], clock.Reports);
    }

    [Fact]
    public void Transfer_NoFinalNotifyBeforeTheDeadline_ReportsFailedAndLaterNotifiesAreOnlyAnswered()
    {
        var session = Confirmed(out var harkTag);
        var clock = new SessionClock();
        var refer = clock.Apply(session.Transfer("sip:bob@192.0.2.99", Deadline)).Single(a => a.Kind == SipSessionActionKind.SendRequest).Message!;
        clock.Apply(session.OnResponse(DialogText.ResponseTo(refer, 202)));

        clock.Advance(Deadline, session.OnTimer);
        clock.Apply(session.OnRequest(Notify(harkTag, 2, SipFragment.Status(200, "OK"), "terminated")));

        Assert.Equal([SipSessionEvent.TransferAccepted, SipSessionEvent.TransferFailed], clock.Reports);
        Assert.Equal(408, clock.Of(SipSessionActionKind.Report).Last().StatusCode);
        Assert.Equal(200, Assert.Single(clock.Responses).StatusCode);
    }

    [Fact]
    public void Transfer_ReferTimesOut_ReportsFailed408()
    {
        var session = Confirmed(out _);
        var clock = new SessionClock();
        var refer = clock.Apply(session.Transfer("sip:bob@192.0.2.99", Deadline)).Single(a => a.Kind == SipSessionActionKind.SendRequest).Message!;

        clock.Apply(session.OnTransactionTimeout(refer));

        var failed = Assert.Single(clock.Of(SipSessionActionKind.Report));
        Assert.Equal((SipSessionEvent.TransferFailed, 408), (failed.Event, failed.StatusCode));
    }

    [Fact]
    public void Transfer_SecondWhileTheFirstIsUnderWay_ReportsFailedAndSendsNothing()
    {
        var session = Confirmed(out _);
        session.Transfer("sip:bob@192.0.2.99", Deadline);

        var actions = session.Transfer("sip:carol@192.0.2.98", Deadline);

        var only = Assert.Single(actions);
        Assert.Equal((SipSessionActionKind.Report, SipSessionEvent.TransferFailed), (only.Kind, only.Event));
    }

    [Fact]
    public void Transfer_BeforeTheAnswer_ReportsFailed()
    {
        var session = NewSession();

        var only = Assert.Single(session.Transfer("sip:bob@192.0.2.99", Deadline));

        Assert.Equal(SipSessionEvent.TransferFailed, only.Event);
    }

    [Fact]
    public void OnRequest_NotifyForAnotherEvent_Answers489AndReportsNothing()
    {
        var session = Confirmed(out var harkTag);
        session.Transfer("sip:bob@192.0.2.99", Deadline);

        var actions = session.OnRequest(Notify(harkTag, 2, SipFragment.Status(200, "OK"), "terminated", eventName: "presence"));

        Assert.Equal(489, Assert.Single(actions).Message!.StatusCode);
    }

    [Fact]
    public void OnRequest_NotifyWithoutTransfer_Answers481()
    {
        var session = Confirmed(out var harkTag);

        var actions = session.OnRequest(Notify(harkTag, 2, SipFragment.Status(200, "OK"), "terminated"));

        Assert.Equal(481, Assert.Single(actions).Message!.StatusCode);
    }

    [Fact]
    public void OnRequest_ByeDuringTransfer_StopsTheDeadlineAndReportsOnlyTheHangUp()
    {
        var session = Confirmed(out var harkTag);
        var clock = new SessionClock();
        clock.Apply(session.Transfer("sip:bob@192.0.2.99", Deadline));

        clock.Apply(session.OnRequest(DialogText.InDialog("BYE", 2, harkTag)));
        clock.Advance(Deadline, session.OnTimer);

        Assert.Equal([SipSessionEvent.RemoteHangUp], clock.Reports);
        Assert.False(clock.IsRunning(SipSessionTimer.TransferTimeout));
    }

    private static SipMessage Notify(string harkTag, uint cseq, byte[] sipfrag, string subscriptionState, string eventName = "refer") => DialogText.Parse(
        "NOTIFY sip:hark@192.0.2.10:5060 SIP/2.0\r\n"
        + $"Via: SIP/2.0/UDP 198.51.100.7:5060;rport;branch=z9hG4bK-alice-notify-{cseq}\r\n"
        + "Max-Forwards: 70\r\n"
        + $"From: \"Alice\" <sip:alice@example.com>;tag={DialogText.CallerTag}\r\n"
        + $"To: <sip:100@192.0.2.10>;tag={harkTag}\r\n"
        + $"Call-ID: {DialogText.CallId}\r\n"
        + $"CSeq: {cseq} NOTIFY\r\n"
        + "Contact: <sip:alice@198.51.100.7:5060>\r\n"
        + $"Event: {eventName}\r\n"
        + $"Subscription-State: {subscriptionState}\r\n"
        + "Content-Type: message/sipfrag;version=2.0\r\n"
        + $"Content-Length: {sipfrag.Length}\r\n\r\n"
        + Encoding.UTF8.GetString(sipfrag));

    private static InviteServerSession NewSession() => new(DialogText.Invite(), DialogText.Settings, new SequentialIds());

    private static InviteServerSession Confirmed(out string harkTag)
    {
        var session = NewSession();
        session.Accept(DialogText.Sdp("sendrecv"));
        harkTag = session.Dialog.LocalTag;
        session.OnRequest(DialogText.InDialog("ACK", 1, harkTag));
        return session;
    }
}
