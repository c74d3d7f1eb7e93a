using System.Text;
using Hark.Sip.Dialogs;
using Hark.Sip.Messages;

namespace Hark.Sip.Tests.Dialogs;

public class InviteServerSessionTests
{
    private static readonly byte[] Answer = DialogText.Sdp("sendrecv");

    [Fact]
    public void Accept_IncomingInvite_SendsOkWithToTagContactRecordRouteAndSdp()
    {
        var session = NewSession();

        var ok = Assert.Single(session.Accept(Answer), a => a.Kind == SipSessionActionKind.SendResponse).Message!;

        var expected =
            "SIP/2.0 200 OK\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-proxy-1\r\n"
            + "Via: SIP/2.0/UDP 198.51.100.7:5060;received=198.51.100.7;rport=5060;branch=z9hG4bK-alice-1\r\n"
            + "From: \"Alice\" <sip:alice@example.com>;tag=alice-tag\r\n"
            + "To: <sip:100@192.0.2.10>;tag=hark-tag-1\r\n"
            + $"Call-ID: {DialogText.CallId}\r\n"
            + "CSeq: 1 INVITE\r\n"
            + "Record-Route: <sip:192.0.2.1;lr;ftag=alice-tag>\r\n"
            + "Contact: <sip:hark@192.0.2.10:5060>\r\n"
            + "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO\r\n"
            + "Content-Type: application/sdp\r\n"
            + $"Content-Length: {Answer.Length}\r\n"
            + "\r\n"
            + Encoding.UTF8.GetString(Answer);
        Assert.Equal(expected, DialogText.Wire(ok));
        Assert.Equal(SipSessionState.Accepted, session.State);
    }

    [Fact]
    public void Ring_BeforeAccept_SendsRingingWithTheSameTagAsTheOk()
    {
        var session = NewSession();

        var ringing = Assert.Single(session.Ring()).Message!;
        var ok = session.Accept(Answer)[0].Message!;

        Assert.Equal(180, ringing.StatusCode);
        Assert.Equal("hark-tag-1", ringing.To.Tag);
        Assert.Equal(ringing.To.Tag, ok.To.Tag);
        Assert.Equal("sip:hark@192.0.2.10:5060", Assert.Single(ringing.Contacts).Uri);
        Assert.Single(ringing.RecordRoutes);
        Assert.True(ringing.Body.IsEmpty);
    }

    [Fact]
    public void Trying_Asked_SendsHundredWithoutTag()
    {
        var session = NewSession();

        var trying = Assert.Single(session.Trying()).Message!;

        Assert.Equal(100, trying.StatusCode);
        Assert.Null(trying.To.Tag);
    }

    [Fact]
    public void OnRequest_AckForOk_ReportsMediaConnectedAndStopsRetransmission()
    {
        var session = NewSession();
        var clock = new SessionClock();
        clock.Apply(session.Accept(Answer));
        clock.Advance(TimeSpan.FromSeconds(1), session.OnTimer);

        var ack = DialogText.InDialog("ACK", 1, session.Dialog.LocalTag);
        clock.Apply(session.OnRequest(ack));
        clock.Advance(TimeSpan.FromSeconds(60), session.OnTimer);

        Assert.Equal([0, 0.5], clock.SecondsOf(SipSessionActionKind.SendResponse));
        Assert.Equal([SipSessionEvent.MediaConnected], clock.Reports);
        Assert.Empty(clock.Requests);
        Assert.Equal(SipSessionState.Confirmed, session.State);
    }

    [Fact]
    public void OnTimer_OkNeverAcked_RetransmitsOnT1DoublingToT2ThenSendsByeAt64T1()
    {
        var session = NewSession();
        var clock = new SessionClock();
        clock.Apply(session.Accept(Answer));

        clock.Advance(TimeSpan.FromSeconds(40), session.OnTimer);

        // §13.3.1.4: T1 = 0.5 s doubling to T2 = 4 s; after 64*T1 = 32 s the session ends with a BYE.
        Assert.Equal([0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5], clock.SecondsOf(SipSessionActionKind.SendResponse));
        Assert.All(clock.Responses, r => Assert.Equal(200, r.StatusCode));
        Assert.Equal([32.0], clock.SecondsOf(SipSessionActionKind.SendRequest));
        Assert.Equal(SipMethods.Bye, clock.Requests.Single().Method);
        Assert.Equal([SipSessionEvent.AckTimeout], clock.Reports);
        Assert.False(clock.IsRunning(SipSessionTimer.Retransmit2xx));

        clock.Apply(session.OnResponse(DialogText.ResponseTo(clock.Requests.Single(), 200)));
        Assert.Equal(SipSessionState.Terminated, session.State);
        Assert.Equal([SipSessionEvent.AckTimeout], clock.Reports);
    }

    [Fact]
    public void OnRequest_ByeFromCaller_SendsOkAndReportsRemoteHangUp()
    {
        var session = Confirmed(out _);

        var bye = DialogText.InDialog("BYE", 2, session.Dialog.LocalTag);
        var actions = session.OnRequest(bye);

        var ok = Assert.Single(actions, a => a.Kind == SipSessionActionKind.SendResponse).Message!;
        Assert.Equal((200, SipMethods.Bye), (ok.StatusCode, ok.CSeq.Method));
        Assert.Equal(bye.TopVia.Branch, ok.TopVia.Branch);
        Assert.Equal(SipSessionEvent.RemoteHangUp, Assert.Single(actions, a => a.Kind == SipSessionActionKind.Report).Event);
        Assert.Equal(SipSessionState.Terminated, session.State);
    }

    [Fact]
    public void HangUp_Confirmed_SendsByeThroughTheRouteSetAndReportsOnItsOk()
    {
        var session = Confirmed(out _);

        var bye = DialogText.Reparse(Assert.Single(session.HangUp()).Message!);
        var afterOk = session.OnResponse(DialogText.ResponseTo(bye, 200));

        Assert.Equal("BYE sip:alice@198.51.100.7:5060", bye.ToString());
        Assert.Equal(["<sip:192.0.2.1;lr;ftag=alice-tag>"], bye.GetHeaders(SipHeaderNames.Route));
        Assert.Equal(("hark-tag-1", DialogText.CallerTag, DialogText.CallId), (bye.From.Tag, bye.To.Tag, bye.CallId));
        Assert.Equal("sip:100@192.0.2.10", bye.From.Uri);
        Assert.Equal(new SipCSeq(1, SipMethods.Bye), bye.CSeq);
        Assert.Equal(70, bye.MaxForwards);
        Assert.Equal(("192.0.2.10", 5060), (bye.TopVia.Host, bye.TopVia.Port));
        Assert.True(bye.TopVia.HasRfc3261Branch);
        Assert.True(bye.TopVia.HasRport);
        var report = Assert.Single(afterOk);
        Assert.Equal((SipSessionEvent.HangUpCompleted, 200), (report.Event, report.StatusCode));
        Assert.Equal(SipSessionState.Terminated, session.State);
    }

    [Fact]
    public void OnTransactionTimeout_ByeUnanswered_ReportsHangUpCompleted()
    {
        var session = Confirmed(out _);
        var bye = session.HangUp()[0].Message!;

        var report = Assert.Single(session.OnTransactionTimeout(bye));

        Assert.Equal((SipSessionEvent.HangUpCompleted, 408), (report.Event, report.StatusCode));
        Assert.Equal(SipSessionState.Terminated, session.State);
    }

    [Fact]
    public void HangUp_OkNotYetAcked_SendsByeOnlyAfterTheAck()
    {
        var session = NewSession();
        session.Accept(Answer);

        Assert.Empty(session.HangUp());
        var afterAck = session.OnRequest(DialogText.InDialog("ACK", 1, session.Dialog.LocalTag));

        Assert.Contains(afterAck, a => a.Kind == SipSessionActionKind.Report && a.Event == SipSessionEvent.MediaConnected);
        Assert.Equal(SipMethods.Bye, Assert.Single(afterAck, a => a.Kind == SipSessionActionKind.SendRequest).Message!.Method);
        Assert.Equal(SipSessionState.Terminating, session.State);
    }

    [Fact]
    public void OnRequest_CancelBeforeAnswer_Sends487ForTheInviteAndReportsCancelled()
    {
        var session = NewSession();
        session.Ring();

        var actions = session.OnRequest(DialogText.Cancel());

        var terminated = Assert.Single(actions, a => a.Kind == SipSessionActionKind.SendResponse).Message!;
        Assert.Equal((487, SipMethods.Invite), (terminated.StatusCode, terminated.CSeq.Method));
        Assert.Equal("z9hG4bK-proxy-1", terminated.TopVia.Branch);
        Assert.Equal("hark-tag-1", terminated.To.Tag);
        Assert.Equal(SipSessionEvent.CancelledByCaller, Assert.Single(actions, a => a.Kind == SipSessionActionKind.Report).Event);
        Assert.Equal(SipSessionState.Terminated, session.State);
        Assert.Empty(session.Accept(Answer));
    }

    [Fact]
    public void OnRequest_CancelAfterAnswer_ChangesNothing()
    {
        var session = NewSession();
        session.Accept(Answer);

        Assert.Empty(session.OnRequest(DialogText.Cancel()));
        Assert.Equal(SipSessionState.Accepted, session.State);
    }

    [Theory]
    [InlineData(486, "Busy Here")]
    [InlineData(603, "Decline")]
    [InlineData(480, "Temporarily Unavailable")]
    [InlineData(403, "Forbidden")]
    [InlineData(488, "Not Acceptable Here")]
    public void Reject_Code_SendsThatFinalWithTagAndEnds(int status, string reason)
    {
        var session = NewSession();

        var response = DialogText.Reparse(Assert.Single(session.Reject(status)).Message!);

        Assert.Equal((status, reason), (response.StatusCode, response.ReasonPhrase));
        Assert.Equal("hark-tag-1", response.To.Tag);
        Assert.Empty(response.Contacts);
        Assert.Equal(SipSessionState.Terminated, session.State);
    }

    [Fact]
    public void OnRequest_ReInviteHoldThenUnhold_ReportsEachAndAnswersWithSdp()
    {
        var session = Confirmed(out var tag);
        var clock = new SessionClock();

        var hold = DialogText.InDialog("INVITE", 2, tag, "application/sdp", Encoding.UTF8.GetString(DialogText.Sdp("sendonly")));
        var reported = Assert.Single(clock.Apply(session.OnRequest(hold)));
        clock.Apply(session.AnswerReInvite(DialogText.Sdp("recvonly")));
        clock.Advance(TimeSpan.FromSeconds(2), session.OnTimer);
        clock.Apply(session.OnRequest(DialogText.InDialog("ACK", 2, tag)));

        var unhold = DialogText.InDialog("INVITE", 3, tag, "application/sdp", DialogText.Offer);
        clock.Apply(session.OnRequest(unhold));
        clock.Apply(session.AnswerReInvite(Answer));
        clock.Apply(session.OnRequest(DialogText.InDialog("ACK", 3, tag)));

        Assert.Equal(SipSessionEvent.ReInvite, reported.Event);
        Assert.Contains("a=sendonly", Encoding.UTF8.GetString(reported.Message!.Body.Span), StringComparison.Ordinal);
        Assert.Equal(
            [SipSessionEvent.ReInvite, SipSessionEvent.ReInviteAcknowledged, SipSessionEvent.ReInvite, SipSessionEvent.ReInviteAcknowledged],
            clock.Reports);
        var oks = clock.Responses.ToList();
        Assert.Equal([2u, 2u, 2u, 3u], oks.Select(r => r.CSeq.Number));
        Assert.Equal([0, 0.5, 1.5], clock.SecondsOf(SipSessionActionKind.SendResponse).Take(3));
        Assert.Contains("a=recvonly", Encoding.UTF8.GetString(oks[0].Body.Span), StringComparison.Ordinal);
        Assert.All(oks, ok => Assert.Equal(("hark-tag-1", "application/sdp"), (ok.To.Tag, ok.ContentType)));
        Assert.Empty(oks[0].RecordRoutes);
        Assert.False(clock.IsRunning(SipSessionTimer.Retransmit2xx));
        Assert.Equal(SipSessionState.Confirmed, session.State);
    }

    [Fact]
    public void RejectReInvite_Unacceptable_Sends488AndKeepsTheCall()
    {
        var session = Confirmed(out var tag);
        session.OnRequest(DialogText.InDialog("INVITE", 2, tag, "application/sdp", DialogText.Offer));

        var rejected = Assert.Single(session.RejectReInvite()).Message!;

        Assert.Equal(488, rejected.StatusCode);
        Assert.Equal(SipSessionState.Confirmed, session.State);
    }

    [Fact]
    public void OnRequest_ReInviteWhileOneIsUnanswered_Sends500WithRetryAfter()
    {
        var session = Confirmed(out var tag);
        session.OnRequest(DialogText.InDialog("INVITE", 2, tag, "application/sdp", DialogText.Offer));

        var second = Assert.Single(session.OnRequest(DialogText.InDialog("INVITE", 3, tag, "application/sdp", DialogText.Offer))).Message!;

        Assert.Equal(500, second.StatusCode);
        Assert.NotNull(second.GetHeader("Retry-After"));
    }

    [Fact]
    public void OnRequest_ReInviteWithNewContact_LaterByeGoesToTheNewTarget()
    {
        var session = Confirmed(out var tag);
        session.OnRequest(DialogText.InDialog("INVITE", 2, tag, "application/sdp", DialogText.Offer, contact: "sip:alice@198.51.100.99:5062"));
        session.AnswerReInvite(Answer);
        session.OnRequest(DialogText.InDialog("ACK", 2, tag));

        var bye = session.HangUp()[0].Message!;

        Assert.Equal("sip:alice@198.51.100.99:5062", bye.RequestUri);
    }

    [Fact]
    public void OnRequest_LowerCSeqThanTheLast_Sends500()
    {
        var session = Confirmed(out var tag);
        session.OnRequest(DialogText.InDialog("OPTIONS", 5, tag));

        var response = Assert.Single(session.OnRequest(DialogText.InDialog("OPTIONS", 4, tag))).Message!;

        Assert.Equal(500, response.StatusCode);
        Assert.Equal(SipSessionState.Confirmed, session.State);
    }

    [Fact]
    public void OnRequest_ByeForAnotherDialog_Sends481()
    {
        var session = Confirmed(out var tag);

        var response = Assert.Single(session.OnRequest(DialogText.InDialog("BYE", 2, tag, callerTag: "someone-else"))).Message!;

        Assert.Equal(481, response.StatusCode);
        Assert.Equal(SipSessionState.Confirmed, session.State);
    }

    [Fact]
    public void OnRequest_Options_AnswersOkWithAllowAndAccept()
    {
        var session = Confirmed(out var tag);

        var ok = Assert.Single(session.OnRequest(DialogText.InDialog("OPTIONS", 2, tag))).Message!;

        Assert.Equal(200, ok.StatusCode);
        Assert.Contains(SipMethods.Bye, ok.Allow);
        Assert.Equal("application/sdp", ok.GetHeader(SipHeaderNames.Accept));
    }

    [Theory]
    [InlineData("UPDATE")]
    [InlineData("REFER")]
    [InlineData("FOO")]
    public void OnRequest_UnknownMethod_Sends501WithAllow(string method)
    {
        var session = Confirmed(out var tag);

        var response = Assert.Single(session.OnRequest(DialogText.InDialog(method, 2, tag))).Message!;

        Assert.Equal(501, response.StatusCode);
        Assert.Contains(SipMethods.Invite, response.Allow);
    }

    [Theory]
    [InlineData("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n", "5")]
    [InlineData("application/dtmf-relay", "Signal= 11\r\nDuration=100\r\n", "#")]
    [InlineData("application/dtmf", "*", "*")]
    public void OnRequest_InfoWithDtmf_AnswersOkAndReportsTheKey(string contentType, string body, string key)
    {
        var session = Confirmed(out var tag);

        var actions = session.OnRequest(DialogText.InDialog("INFO", 2, tag, contentType, body));

        Assert.Equal(200, Assert.Single(actions, a => a.Kind == SipSessionActionKind.SendResponse).Message!.StatusCode);
        var report = Assert.Single(actions, a => a.Kind == SipSessionActionKind.Report);
        Assert.Equal((SipSessionEvent.Key, key), (report.Event, report.Detail));
    }

    [Fact]
    public void OnRequest_ByeOnTheEarlyDialog_AnswersBothAndReportsCancelled()
    {
        var session = NewSession();
        session.Ring();

        var actions = session.OnRequest(DialogText.InDialog("BYE", 2, session.Dialog.LocalTag));

        Assert.Equal([200, 487], actions.Where(a => a.Kind == SipSessionActionKind.SendResponse).Select(a => a.Message!.StatusCode));
        Assert.Equal(SipSessionEvent.CancelledByCaller, actions.Single(a => a.Kind == SipSessionActionKind.Report).Event);
    }

    private static InviteServerSession NewSession() => new(DialogText.Invite(), DialogText.Settings, new SequentialIds());

    private static InviteServerSession Confirmed(out string harkTag)
    {
        var session = NewSession();
        session.Accept(Answer);
        harkTag = session.Dialog.LocalTag;
        session.OnRequest(DialogText.InDialog("ACK", 1, harkTag));
        return session;
    }
}
