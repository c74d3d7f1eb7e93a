using Hark.Sip.Messages;
using Hark.Sip.Tests.Messages;
using Hark.Sip.Transactions;

namespace Hark.Sip.Tests.Transactions;

public class SipTransactionKeyTests
{
    [Fact]
    public void ForServer_InviteAndItsAck_Match()
    {
        Assert.Equal(SipTransactionKey.ForServer(SipText.Request("INVITE")), SipTransactionKey.ForServer(SipText.Request("ACK", toTag: "x")));
    }

    [Fact]
    public void ForServer_CancelOfAnInvite_IsItsOwnTransaction()
    {
        Assert.NotEqual(SipTransactionKey.ForServer(SipText.Request("INVITE")), SipTransactionKey.ForServer(SipText.Request("CANCEL")));
    }

    [Fact]
    public void ForServer_SameBranchFromAnotherSentBy_DoesNotMatch()
    {
        var other = SipText.Parse(SipMessageWriterAsText(SipText.Request("INVITE")).Replace("pc33.atlanta.example.com;", "pc34.atlanta.example.com;", StringComparison.Ordinal));

        Assert.NotEqual(SipTransactionKey.ForServer(SipText.Request("INVITE")), SipTransactionKey.ForServer(other));
    }

    [Fact]
    public void ForServer_Rfc2543RequestWithoutMagicCookie_FallsBackToDialogFields()
    {
        var invite = SipText.Request("INVITE", branch: "old1");
        var ack = SipText.Request("ACK", branch: "old1", toTag: "tt");
        var next = SipText.Parse(SipMessageWriterAsText(invite).Replace("CSeq: 2 INVITE", "CSeq: 3 INVITE", StringComparison.Ordinal));

        Assert.Equal(SipTransactionKey.ForServer(invite), SipTransactionKey.ForServer(ack));
        Assert.NotEqual(SipTransactionKey.ForServer(invite), SipTransactionKey.ForServer(next));
        Assert.StartsWith("2543|", SipTransactionKey.ForServer(SipMessage.Parse(TortureVectors.Read("inv2543"), SipFraming.Datagram)).Value, StringComparison.Ordinal);
    }

    [Fact]
    public void ForClientResponse_ResponseToARequest_MatchesTheClientKey()
    {
        var request = SipText.Request("INVITE");

        Assert.Equal(SipTransactionKey.ForClientRequest(request), SipTransactionKey.ForClientResponse(SipText.Response(request, 180)));
        Assert.NotEqual(SipTransactionKey.ForClientRequest(SipText.Request("CANCEL")), SipTransactionKey.ForClientResponse(SipText.Response(request, 180)));
    }

    private static string SipMessageWriterAsText(SipMessage message) => System.Text.Encoding.UTF8.GetString(SipMessageWriter.ToArray(message));
}
