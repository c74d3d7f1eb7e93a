using System.Net;
using Hark.Sip.Messages;
using Hark.Sip.Transactions;

namespace Hark.Sip.Transport;

/// <summary>Server side: what a server transaction's decisions mean for the TU, CANCEL (§9.2) and the defaults.</summary>
public sealed partial class SipTransactionManager
{
    internal void OnServerAction(SipServerTransactionHandle transaction, SipTransactionAction action, IPEndPoint from)
    {
        switch (action.Kind)
        {
            case SipTransactionActionKind.DeliverToUser when action.Message!.Method == SipMethods.Ack:
                // An ACK for a 2xx that still matched the INVITE (RFC 2543 matching, or the same branch reused).
                CallHandler(() => _handler.OnAck(action.Message, transaction.Transport, from), from);
                break;
            case SipTransactionActionKind.DeliverToUser when action.Message.Method == SipMethods.Cancel:
                OnCancel(transaction);
                break;
            case SipTransactionActionKind.DeliverToUser:
                OnNewRequest(transaction);
                break;
            case SipTransactionActionKind.Timeout:
                SipLog.NoAck(Logger, transaction.Request.ToString(), transaction.Source);
                break;
            case SipTransactionActionKind.TransportError:
                SipLog.AnswerFailed(Logger, transaction.Request.ToString(), transaction.Source);
                break;
            case SipTransactionActionKind.Terminated:
                _servers.TryRemove(new KeyValuePair<SipTransactionKey, SipServerTransactionHandle>(transaction.Key, transaction));
                Forget(transaction);
                if (transaction.Request.Method == SipMethods.Invite)
                {
                    _invitesByCancelKey.TryRemove(new KeyValuePair<string, SipServerTransactionHandle>(CancelKey(transaction.Request), transaction));
                }

                break;
        }
    }

    private void OnNewRequest(SipServerTransactionHandle transaction)
    {
        if (transaction.Merged)
        {
            SipLog.Merged(Logger, transaction.Request.ToString(), transaction.Source);
            transaction.Respond(SipResponses.CreateFrom(transaction.Request, 482, toTag: SipIdentifiers.NewTag()));
            return;
        }

        bool handled;
        try
        {
            handled = _handler.OnRequest(transaction, transaction.Request);
        }
#pragma warning disable CA1031 // The TU failed: the request still gets a final answer rather than silence.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _receive.HandlerFailed(ex, transaction.Source.Address);
            transaction.Respond(SipResponses.CreateFrom(transaction.Request, 500, toTag: SipIdentifiers.NewTag()));
            return;
        }

        if (!handled)
        {
            transaction.Respond(SipDefaultResponses.For(transaction.Request));
        }
    }

    private void OnCancel(SipServerTransactionHandle cancel)
    {
        // §9.2: a CANCEL that matches a transaction is answered 200 by the UAS itself, one that does not 481.
        if (!_invitesByCancelKey.TryGetValue(CancelKey(cancel.Request), out var invite))
        {
            cancel.Respond(SipResponses.CreateFrom(cancel.Request, 481, toTag: SipIdentifiers.NewTag()));
            return;
        }

        cancel.Respond(SipResponses.CreateFrom(cancel.Request, 200, toTag: invite.Request.To.Tag is null ? SipIdentifiers.NewTag() : null));
        if (invite.State == SipTransactionState.Proceeding && invite.TryMarkCancelled())
        {
            CallHandler(() => _handler.OnCancel(invite, cancel.Request), cancel.Source);
        }
    }
}
