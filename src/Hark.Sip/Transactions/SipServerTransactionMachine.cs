using Hark.Sip.Messages;

namespace Hark.Sip.Transactions;

/// <summary>
/// A server transaction machine (RFC 3261 §17.2): hands the request to the TU, sends the TU's responses, and
/// answers retransmitted requests with the last response.
/// </summary>
public abstract class SipServerTransactionMachine : SipTransactionMachine
{
    private protected SipServerTransactionMachine(
        SipMessage request, Predicate<SipMessage> accepts, string rejection, SipTransactionState initial, bool reliable, SipTimerSettings? timers)
        : base(request, accepts, rejection, SipTransactionKey.ForServer, initial, reliable, timers)
    {
    }

    /// <summary>The last response sent, null until there is one.</summary>
    private protected SipMessage? LastResponse { get; private set; }

    private protected ReadOnlyMemory<byte> LastResponseBytes { get; private set; }

    /// <summary>A request matching this transaction arrived (§17.2.3): a retransmission, or the ACK of an INVITE.</summary>
    public abstract IReadOnlyList<SipTransactionAction> OnRequest(SipMessage request);

    /// <summary>The TU responds; responses the state no longer allows are ignored.</summary>
    public abstract IReadOnlyList<SipTransactionAction> SendResponse(SipMessage response);

    /// <summary>Keeps <paramref name="response"/> and its bytes for retransmission.</summary>
    private protected void Remember(SipMessage response)
    {
        LastResponse = response;
        LastResponseBytes = SipTransactionActions.Encode(response);
    }
}
