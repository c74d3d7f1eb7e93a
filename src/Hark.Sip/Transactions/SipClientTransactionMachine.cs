using Hark.Sip.Messages;

namespace Hark.Sip.Transactions;

/// <summary>
/// A client transaction machine (RFC 3261 §17.1): sends the request, retransmits it over unreliable transports,
/// and hands the responses that match it to the TU.
/// </summary>
public abstract class SipClientTransactionMachine : SipTransactionMachine
{
    private protected SipClientTransactionMachine(
        SipMessage request, Predicate<SipMessage> accepts, string rejection, SipTransactionState initial, bool reliable, SipTimerSettings? timers)
        : base(request, accepts, rejection, SipTransactionKey.ForClientRequest, initial, reliable, timers)
    {
        RequestBytes = SipTransactionActions.Encode(request);
    }

    /// <summary>The request as sent, kept for its retransmissions.</summary>
    private protected ReadOnlyMemory<byte> RequestBytes { get; }

    /// <summary>A response whose top Via branch and CSeq method match this transaction (§17.1.3).</summary>
    public abstract IReadOnlyList<SipTransactionAction> OnResponse(SipMessage response);

    /// <summary>
    /// Sends the request and arms <paramref name="retransmit"/> (unreliable transports only) and
    /// <paramref name="timeout"/>, which gives up after 64*T1.
    /// </summary>
    private protected IReadOnlyList<SipTransactionAction> SendRequest(SipTimer retransmit, TimeSpan interval, SipTimer timeout)
    {
        var actions = new SipTransactionActions();
        actions.Send(Request, RequestBytes);
        if (!IsReliable)
        {
            actions.Start(retransmit, interval);
        }

        actions.Start(timeout, TimerSettings.TransactionTimeout);
        return actions.Result;
    }
}
