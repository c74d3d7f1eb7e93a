using Hark.Sip.Dialogs;
using Hark.Sip.Messages;

namespace Hark.Sip.Tests.Dialogs;

public class SipDialogTests
{
    private static readonly SipVia Via = new("UDP", "192.0.2.10", 5060, [new SipParameter("branch", "z9hG4bK-test")]);

    [Fact]
    public void CreateAsServer_KamailioRecordRoutes_ByeRoutesThroughThemInOrder()
    {
        var invite = DialogText.Invite(
            "Record-Route: <sip:10.0.0.1;r2=on;lr>\r\n"
            + "Record-Route: <sip:10.0.0.2;lr>, <sip:10.0.0.3;lr>\r\n");
        var dialog = SipDialog.CreateAsServer(invite, "hark-tag");

        var bye = DialogText.Reparse(dialog.CreateRequest(SipMethods.Bye, Via));

        Assert.Equal("sip:alice@198.51.100.7:5060", bye.RequestUri);
        Assert.Equal(["sip:10.0.0.1;r2=on;lr", "sip:10.0.0.2;lr", "sip:10.0.0.3;lr"], bye.Routes.Select(r => r.Uri));
        Assert.Equal((1u, "hark-tag", DialogText.CallerTag), (bye.CSeq.Number, bye.From.Tag, bye.To.Tag));
        Assert.Equal(1u, invite.CSeq.Number);
        Assert.Equal(1u, dialog.RemoteSequence);
    }

    [Fact]
    public void CreateAsClient_RecordRoutes_AreReversed()
    {
        var invite = DialogText.Invite();
        var response = DialogText.ResponseTo(invite, 200, extra:
            "Record-Route: <sip:near.example.com;lr>, <sip:far.example.com;lr>\r\nContact: <sip:bob@203.0.113.5>\r\n");

        var dialog = SipDialog.CreateAsClient(invite, response);

        Assert.Equal(["sip:far.example.com;lr", "sip:near.example.com;lr"], dialog.RouteSet.Select(r => r.Uri));
        Assert.Equal("sip:bob@203.0.113.5", dialog.RemoteTarget);
        Assert.Equal((DialogText.CallerTag, "bob-tag"), (dialog.LocalTag, dialog.RemoteTag));
        Assert.Null(dialog.RemoteSequence);
        Assert.Equal(1u, dialog.LocalSequence);
    }

    [Fact]
    public void CreateRequest_StrictRouterFirst_PutsItInTheRequestUriAndTheTargetLast()
    {
        var invite = DialogText.Invite("Record-Route: <sip:strict.example.com;transport=udp>, <sip:loose.example.com;lr>\r\n");
        var dialog = SipDialog.CreateAsServer(invite, "hark-tag");

        var bye = DialogText.Reparse(dialog.CreateRequest(SipMethods.Bye, Via));

        Assert.Equal("sip:strict.example.com;transport=udp", bye.RequestUri);
        Assert.Equal(["sip:loose.example.com;lr", "sip:alice@198.51.100.7:5060"], bye.Routes.Select(r => r.Uri));
    }

    [Fact]
    public void CreateRequest_NoRecordRoute_GoesStraightToTheContact()
    {
        var dialog = SipDialog.CreateAsServer(DialogText.Invite(string.Empty), "hark-tag");

        var bye = dialog.CreateRequest(SipMethods.Bye, Via);

        Assert.Equal("sip:alice@198.51.100.7:5060", bye.RequestUri);
        Assert.Empty(bye.Routes);
    }

    [Fact]
    public void CreateAck_AfterOtherRequests_KeepsTheInviteNumberAndDoesNotAdvance()
    {
        var dialog = SipDialog.CreateAsClient(DialogText.Invite(), DialogText.ResponseTo(DialogText.Invite(), 200));

        var ack = dialog.CreateAck(1, Via);
        var bye = dialog.CreateRequest(SipMethods.Bye, Via);

        Assert.Equal(new SipCSeq(1, SipMethods.Ack), ack.CSeq);
        Assert.Equal(new SipCSeq(2, SipMethods.Bye), bye.CSeq);
        Assert.Throws<ArgumentException>(() => dialog.CreateRequest(SipMethods.Ack, Via));
    }

    [Fact]
    public void CheckRequest_Sequence_AcceptsHigherRejectsLowerWith500()
    {
        var dialog = SipDialog.CreateAsServer(DialogText.Invite(), "hark-tag");

        var higher = dialog.CheckRequest(DialogText.InDialog("OPTIONS", 7, "hark-tag"));
        var lower = dialog.CheckRequest(DialogText.InDialog("BYE", 6, "hark-tag"));
        var ack = dialog.CheckRequest(DialogText.InDialog("ACK", 1, "hark-tag"));
        var otherDialog = dialog.CheckRequest(DialogText.InDialog("BYE", 9, "not-hark"));

        Assert.Equal((0, 500, 0, 481), (higher, lower, ack, otherDialog));
        Assert.Equal(7u, dialog.RemoteSequence);
    }

    [Fact]
    public void CreateAsServer_SipsRequestUri_IsSecure()
    {
        var invite = DialogText.Parse(DialogText.Wire(DialogText.Invite()).Replace("INVITE sip:100@", "INVITE sips:100@", StringComparison.Ordinal));

        Assert.True(SipDialog.CreateAsServer(invite, "t").IsSecure);
        Assert.False(SipDialog.CreateAsServer(DialogText.Invite(), "t").IsSecure);
    }

    [Fact]
    public void Id_ReceivedRequestAndResponse_MatchTheDialogFromHarksSide()
    {
        var invite = DialogText.Invite();
        var server = SipDialog.CreateAsServer(invite, "hark-tag");
        var client = SipDialog.CreateAsClient(invite, DialogText.ResponseTo(invite, 200));

        Assert.Equal(server.Id, SipDialogId.ForReceivedRequest(DialogText.InDialog("BYE", 2, "hark-tag")));
        Assert.Equal(client.Id, SipDialogId.ForReceivedResponse(DialogText.ResponseTo(invite, 200)));
    }
}
