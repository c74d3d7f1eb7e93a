using System.Security.Cryptography;
using System.Text;
using Hark.Sip.Dialogs;
using Hark.Sip.Messages;

namespace Hark.Sip.Tests.Dialogs;

public class InviteClientSessionTests
{
    private static readonly byte[] Offer = Encoding.UTF8.GetBytes(DialogText.Offer);

    private static readonly SipOutgoingCall Call = new()
    {
        RequestUri = SipUri.Parse("sip:+15551234@trunk.example.com"),
        From = SipNameAddress.Parse("\"Hark\" <sip:hark@192.0.2.10>"),
        To = SipNameAddress.Parse("<sip:+15551234@trunk.example.com>"),
        Offer = Offer,
        OutboundProxy = SipUri.Parse("sip:192.0.2.1:5060"),
        RingTimeout = TimeSpan.FromSeconds(15),
    };

    [Fact]
    public void Start_Call_SendsInviteAndArmsTheRingTimeout()
    {
        var session = new InviteClientSession(Call, DialogText.Settings, new SequentialIds());

        var actions = session.Start();

        var invite = DialogText.Reparse(actions[0].Message!);
        Assert.Equal("INVITE sip:+15551234@trunk.example.com", invite.ToString());
        Assert.Equal(["<sip:192.0.2.1:5060;lr>"], invite.GetHeaders(SipHeaderNames.Route));
        Assert.Equal(("hark-tag-1", null), (invite.From.Tag, invite.To.Tag));
        Assert.Equal("Hark", invite.From.DisplayName);
        Assert.Equal(("hark-call-1", new SipCSeq(1, SipMethods.Invite), 70), (invite.CallId, invite.CSeq, invite.MaxForwards));
        Assert.Equal("sip:hark@192.0.2.10:5060", Assert.Single(invite.Contacts).Uri);
        Assert.Equal("z9hG4bK-hark-1", invite.TopVia.Branch);
        Assert.Equal("application/sdp", invite.ContentType);
        Assert.Equal(Offer, invite.Body.ToArray());
        Assert.Equal((SipSessionActionKind.StartTimer, SipSessionTimer.RingTimeout, TimeSpan.FromSeconds(15)), (actions[1].Kind, actions[1].Timer, actions[1].Delay));
        Assert.Equal(SipSessionState.Calling, session.State);
    }

    [Fact]
    public void OnResponse_RingingThenOk_ReportsBothAndSendsTheAckThroughTheRouteSet()
    {
        var (session, clock) = Started();
        var invite = session.Invite;
        const string okExtra = "Record-Route: <sip:192.0.2.1;lr>, <sip:10.9.9.9;lr>\r\nContact: <sip:bob@203.0.113.5:5070>\r\nContent-Type: application/sdp\r\n";

        clock.Apply(session.OnResponse(DialogText.ResponseTo(invite, 180)));
        clock.Apply(session.OnResponse(DialogText.ResponseTo(invite, 200, extra: okExtra, body: DialogText.Offer)));

        Assert.Equal([SipSessionEvent.Ringing, SipSessionEvent.Answered], clock.Reports);
        var answered = clock.Of(SipSessionActionKind.Report).Last().Message!;
        Assert.Equal(DialogText.Offer, Encoding.UTF8.GetString(answered.Body.Span));
        var ack = DialogText.Reparse(clock.Requests.Last());
        Assert.Equal("ACK sip:bob@203.0.113.5:5070", ack.ToString());
        Assert.Equal(new SipCSeq(1, SipMethods.Ack), ack.CSeq);
        Assert.Equal(("hark-tag-1", "bob-tag", "hark-call-1"), (ack.From.Tag, ack.To.Tag, ack.CallId));
        Assert.Equal(["sip:10.9.9.9;lr", "sip:192.0.2.1;lr"], ack.Routes.Select(r => r.Uri));
        Assert.NotEqual(invite.TopVia.Branch, ack.TopVia.Branch);
        Assert.True(ack.Body.IsEmpty);
        Assert.False(clock.IsRunning(SipSessionTimer.RingTimeout));
        Assert.Equal(SipSessionState.Confirmed, session.State);
    }

    [Fact]
    public void OnResponse_RetransmittedOk_SendsTheSameAckAgainWithoutReporting()
    {
        var (session, clock) = Started();
        var ok = DialogText.ResponseTo(session.Invite, 200, extra: "Contact: <sip:bob@203.0.113.5>\r\n");
        clock.Apply(session.OnResponse(ok));

        var again = session.OnResponse(ok);

        Assert.Same(clock.Requests.Last(), Assert.Single(again).Message);
    }

    [Theory]
    [InlineData(486, SipSessionEvent.Busy)]
    [InlineData(600, SipSessionEvent.Busy)]
    [InlineData(480, SipSessionEvent.NoAnswer)]
    [InlineData(408, SipSessionEvent.NoAnswer)]
    [InlineData(603, SipSessionEvent.Declined)]
    [InlineData(403, SipSessionEvent.Declined)]
    [InlineData(404, SipSessionEvent.Unreachable)]
    [InlineData(503, SipSessionEvent.Unreachable)]
    [InlineData(401, SipSessionEvent.Unreachable)]
    public void OnResponse_FailureFinal_ReportsItsOutcome(int status, SipSessionEvent expected)
    {
        var (session, clock) = Started();

        clock.Apply(session.OnResponse(DialogText.ResponseTo(session.Invite, 100)));
        clock.Apply(session.OnResponse(DialogText.ResponseTo(session.Invite, status)));

        var report = Assert.Single(clock.Of(SipSessionActionKind.Report));
        Assert.Equal((expected, status), (report.Event, report.StatusCode));
        Assert.Empty(clock.Requests.Skip(1));
        Assert.False(clock.IsRunning(SipSessionTimer.RingTimeout));
        Assert.Equal(SipSessionState.Terminated, session.State);
    }

    [Fact]
    public void OnTimer_RingTimeoutAfterRinging_SendsCancelThenReportsNoAnswerOn487()
    {
        var (session, clock) = Started();
        var invite = session.Invite;
        clock.Apply(session.OnResponse(DialogText.ResponseTo(invite, 180)));

        clock.Advance(TimeSpan.FromSeconds(20), session.OnTimer);
        var cancel = DialogText.Reparse(clock.Requests.Last());
        clock.Apply(session.OnResponse(DialogText.ResponseTo(cancel, 200)));
        clock.Apply(session.OnResponse(DialogText.ResponseTo(invite, 487)));

        Assert.Equal([0.0, 15.0], clock.SecondsOf(SipSessionActionKind.SendRequest));
        Assert.Equal("CANCEL sip:+15551234@trunk.example.com", cancel.ToString());
        Assert.Equal(new SipCSeq(1, SipMethods.Cancel), cancel.CSeq);
        Assert.Equal(invite.TopVia.Branch, cancel.TopVia.Branch);
        Assert.Equal(invite.GetHeader(SipHeaderNames.Route), cancel.GetHeader(SipHeaderNames.Route));
        Assert.Null(cancel.To.Tag);
        Assert.Equal([SipSessionEvent.Ringing, SipSessionEvent.NoAnswer], clock.Reports);
        Assert.False(clock.IsRunning(SipSessionTimer.CancelTimeout));
        Assert.Equal(SipSessionState.Terminated, session.State);
    }

    [Fact]
    public void OnTimer_RingTimeoutBeforeAnyProvisional_WaitsForOneBeforeCancelling()
    {
        var (session, clock) = Started();

        clock.Advance(TimeSpan.FromSeconds(15), session.OnTimer);
        var beforeProvisional = clock.Requests.Count();
        clock.Apply(session.OnResponse(DialogText.ResponseTo(session.Invite, 100)));

        Assert.Equal(1, beforeProvisional);
        Assert.Equal(SipMethods.Cancel, clock.Requests.Last().Method);
        Assert.Empty(clock.Reports);
    }

    [Fact]
    public void OnTimer_CancelNeverAnswered_ReportsNoAnswerAfter64T1()
    {
        var (session, clock) = Started();
        clock.Apply(session.OnResponse(DialogText.ResponseTo(session.Invite, 180)));

        clock.Advance(TimeSpan.FromSeconds(60), session.OnTimer);

        Assert.Equal((SipSessionEvent.NoAnswer, 47.0), (clock.Reports.Last(), clock.SecondsOf(SipSessionActionKind.Report).Last()));
        Assert.Equal(SipSessionState.Terminated, session.State);
    }

    [Fact]
    public void OnResponse_OkCrossingTheCancel_AcksAndHangsUp()
    {
        var (session, clock) = Started();
        clock.Apply(session.OnResponse(DialogText.ResponseTo(session.Invite, 180)));
        clock.Apply(session.HangUp());

        clock.Apply(session.OnResponse(DialogText.ResponseTo(session.Invite, 200, extra: "Contact: <sip:bob@203.0.113.5>\r\n")));
        var bye = clock.Requests.Last();
        clock.Apply(session.OnResponse(DialogText.ResponseTo(bye, 200)));

        Assert.Equal([SipMethods.Invite, SipMethods.Cancel, SipMethods.Ack, SipMethods.Bye], clock.Requests.Select(r => r.Method));
        Assert.Equal([SipSessionEvent.Ringing, SipSessionEvent.HangUpCompleted], clock.Reports);
        Assert.Equal(SipSessionState.Terminated, session.State);
    }

    [Fact]
    public void HangUp_BeforeAnswer_CancelsAndReportsHangUpCompletedOn487()
    {
        var (session, clock) = Started();
        clock.Apply(session.OnResponse(DialogText.ResponseTo(session.Invite, 183)));

        clock.Apply(session.HangUp());
        clock.Apply(session.OnResponse(DialogText.ResponseTo(session.Invite, 487)));

        Assert.Equal(SipMethods.Cancel, clock.Requests.Last().Method);
        Assert.Equal([SipSessionEvent.Ringing, SipSessionEvent.HangUpCompleted], clock.Reports);
    }

    [Fact]
    public void HangUp_AfterAnswer_SendsByeWithTheNextCSeq()
    {
        var (session, clock) = Started();
        clock.Apply(session.OnResponse(DialogText.ResponseTo(session.Invite, 200, extra: "Contact: <sip:bob@203.0.113.5>\r\n")));

        var bye = Assert.Single(session.HangUp()).Message!;

        Assert.Equal(("BYE sip:bob@203.0.113.5", new SipCSeq(2, SipMethods.Bye)), (bye.ToString(), bye.CSeq));
        Assert.Equal(SipSessionState.Terminating, session.State);
    }

    [Fact]
    public void OnResponse_ProxyChallenge_RetriesOnceWithDigestCredentials()
    {
        var call = Call with { Username = "hark", Password = "secret", Realm = "trunk.example.com" };
        var session = new InviteClientSession(call, DialogText.Settings, new SequentialIds());
        var clock = new SessionClock();
        clock.Apply(session.Start());
        var first = session.Invite;
        const string challenge = "Proxy-Authenticate: Digest realm=\"trunk.example.com\", nonce=\"4f1a\", qop=\"auth\", algorithm=MD5\r\n";

        clock.Apply(session.OnResponse(DialogText.ResponseTo(first, 407, extra: challenge)));
        var second = DialogText.Reparse(clock.Requests.Last());
        clock.Apply(session.OnResponse(DialogText.ResponseTo(second, 407, extra: challenge)));

        Assert.Equal(new SipCSeq(2, SipMethods.Invite), second.CSeq);
        Assert.Equal((first.CallId, first.From.Tag), (second.CallId, second.From.Tag));
        Assert.NotEqual(first.TopVia.Branch, second.TopVia.Branch);
        Assert.Equal(Offer, second.Body.ToArray());
        var credentials = second.GetHeader("Proxy-Authorization")!;
        Assert.Contains("username=\"hark\"", credentials, StringComparison.Ordinal);
        Assert.Contains("uri=\"sip:+15551234@trunk.example.com\"", credentials, StringComparison.Ordinal);
        Assert.Contains("nc=00000001", credentials, StringComparison.Ordinal);
        Assert.Contains($"response=\"{ExpectedResponse()}\"", credentials, StringComparison.Ordinal);
        Assert.Equal(2, clock.Requests.Count());
        var report = Assert.Single(clock.Of(SipSessionActionKind.Report));
        Assert.Equal((SipSessionEvent.Unreachable, 407), (report.Event, report.StatusCode));
    }

    [Theory]
    [InlineData("evil.example.net", "trunk.example.com")]
    [InlineData("trunk.example.com", null)]
    public void OnResponse_ChallengeForAnotherRealm_GivesNoCredentialsAndFails(string challengeRealm, string? realm)
    {
        var session = new InviteClientSession(Call with { Username = "hark", Password = "secret", Realm = realm }, DialogText.Settings, new SequentialIds());
        var clock = new SessionClock();
        clock.Apply(session.Start());

        clock.Apply(session.OnResponse(DialogText.ResponseTo(session.Invite, 401, extra: $"WWW-Authenticate: Digest realm=\"{challengeRealm}\", nonce=\"n\"\r\n")));

        Assert.Single(clock.Requests);
        Assert.All(clock.Requests, r => Assert.Null(r.GetHeader("Authorization")));
        var report = Assert.Single(clock.Of(SipSessionActionKind.Report));
        Assert.Equal((SipSessionEvent.Unreachable, 401), (report.Event, report.StatusCode));
    }

    [Fact]
    public void OnResponse_OkAfterChallenge_AckCarriesTheCredentials()
    {
        var session = new InviteClientSession(Call with { Username = "hark", Password = "secret", Realm = "R" }, DialogText.Settings, new SequentialIds());
        session.Start();
        session.OnResponse(DialogText.ResponseTo(session.Invite, 401, extra: "WWW-Authenticate: Digest realm=\"r\", nonce=\"n\"\r\n"));

        var actions = session.OnResponse(DialogText.ResponseTo(session.Invite, 200, extra: "Contact: <sip:bob@203.0.113.5>\r\n"));

        var ack = actions.First(a => a.Kind == SipSessionActionKind.SendRequest).Message!;
        Assert.Equal(new SipCSeq(2, SipMethods.Ack), ack.CSeq);
        Assert.Equal(session.Invite.GetHeader("Authorization"), ack.GetHeader("Authorization"));
    }

    [Fact]
    public void OnTransactionTimeout_InviteNeverAnswered_ReportsUnreachable()
    {
        var (session, clock) = Started();

        clock.Apply(session.OnTransactionTimeout(session.Invite));

        var report = Assert.Single(clock.Of(SipSessionActionKind.Report));
        Assert.Equal((SipSessionEvent.Unreachable, 408), (report.Event, report.StatusCode));
        Assert.False(clock.IsRunning(SipSessionTimer.RingTimeout));
    }

    [Fact]
    public void OnRequest_ByeAfterAnswer_AnswersOkAndReportsRemoteHangUp()
    {
        var (session, clock) = Started();
        clock.Apply(session.OnResponse(DialogText.ResponseTo(session.Invite, 200, extra: "Contact: <sip:bob@203.0.113.5>\r\n")));
        var bye = DialogText.Parse(
            "BYE sip:hark@192.0.2.10:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 203.0.113.5;branch=z9hG4bK-bob-1\r\n"
            + "From: <sip:+15551234@trunk.example.com>;tag=bob-tag\r\nTo: \"Hark\" <sip:hark@192.0.2.10>;tag=hark-tag-1\r\n"
            + "Call-ID: hark-call-1\r\nCSeq: 1 BYE\r\nContent-Length: 0\r\n\r\n");

        var actions = session.OnRequest(bye);

        Assert.Equal(200, actions[0].Message!.StatusCode);
        Assert.Equal(SipSessionEvent.RemoteHangUp, actions[1].Event);
        Assert.Equal(SipSessionState.Terminated, session.State);
    }

    [Fact]
    public void Transfer_Answered_SendsReferToTheCalleesContactAndReportsTheSipfragOutcome()
    {
        var (session, clock) = Started();
        clock.Apply(session.OnResponse(DialogText.ResponseTo(session.Invite, 200, extra: "Contact: <sip:bob@203.0.113.5>\r\n")));

        var refer = clock.Apply(session.Transfer("sip:carol@203.0.113.6", TimeSpan.FromSeconds(90))).Single(a => a.Kind == SipSessionActionKind.SendRequest).Message!;
        clock.Apply(session.OnResponse(DialogText.ResponseTo(refer, 202)));
        var notify = DialogText.Parse(
            "NOTIFY sip:hark@192.0.2.10:5060 SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 203.0.113.5:5060;branch=z9hG4bK-bob-notify\r\n"
            + $"From: <sip:+15551234@trunk.example.com>;tag=bob-tag\r\n"
            + $"To: <sip:hark@192.0.2.10>;tag={refer.From.Tag}\r\n"
            + $"Call-ID: {refer.CallId}\r\n"
            + "CSeq: 1 NOTIFY\r\n"
            + "Event: refer\r\n"
            + "Subscription-State: terminated;reason=noresource\r\n"
            + "Content-Type: message/sipfrag\r\n"
            + "Content-Length: 16\r\n\r\n"
            + "SIP/2.0 200 OK\r\n");
        clock.Apply(session.OnRequest(notify));

        Assert.Equal(("REFER", "sip:bob@203.0.113.5"), (refer.Method, refer.RequestUri));
        Assert.Equal("<sip:carol@203.0.113.6>", refer.GetHeader("Refer-To"));
        Assert.Equal([SipSessionEvent.Answered, SipSessionEvent.TransferAccepted, SipSessionEvent.TransferSucceeded], clock.Reports);
        Assert.Equal(200, clock.Responses.Last().StatusCode);
    }

    private static (InviteClientSession Session, SessionClock Clock) Started()
    {
        var session = new InviteClientSession(Call, DialogText.Settings, new SequentialIds());
        var clock = new SessionClock();
        clock.Apply(session.Start());
        return (session, clock);
    }

    /// <summary>RFC 2617 §3.2.2.1 with qop=auth, written out here independently of the code under test.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5351", Justification = "Digest is MD5 by definition.")]
    private static string ExpectedResponse()
    {
        static string Md5(string s) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(s)));
        var ha1 = Md5("hark:trunk.example.com:secret");
        var ha2 = Md5("INVITE:sip:+15551234@trunk.example.com");
        return Md5($"{ha1}:4f1a:00000001:0a4f113b:auth:{ha2}");
    }
}
