using Hark.Sip.Messages;

namespace Hark.Sip.Dialogs;

/// <summary>Responses to the INVITE: provisional, 2xx (ACK and dialog), failures, and the one digest retry.</summary>
public sealed partial class InviteClientSession
{
    /// <summary>A response delivered by one of this call's client transactions (INVITE, CANCEL, BYE).</summary>
    public IReadOnlyList<SipSessionAction> OnResponse(SipMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var actions = new SipSessionActions();
        if (response.CSeq.Method == SipMethods.Invite && response.CSeq.Number == Invite.CSeq.Number)
        {
            var status = response.StatusCode;
            if (status < 200)
            {
                OnProvisional(actions, response);
            }
            else if (status < 300)
            {
                On2xx(actions, response);
            }
            else if (IsUnanswered)
            {
                OnFailure(actions, response);
            }
        }
        else if (response.CSeq.Method != SipMethods.Cancel)
        {
            _usage?.OnResponse(actions, response);
        }

        return actions.Result;
    }

    private void OnProvisional(SipSessionActions actions, SipMessage response)
    {
        if (!IsUnanswered)
        {
            return;
        }

        _provisionalReceived = true;
        if (_cancelPending)
        {
            SendCancel(actions);
            return;
        }

        if (_giveUp == GiveUp.None)
        {
            _state = SipSessionState.Proceeding;
            if (response.StatusCode is 180 or 183)
            {
                actions.Report(SipSessionEvent.Ringing, response, response.StatusCode);
            }
        }
    }

    private void On2xx(SipSessionActions actions, SipMessage response)
    {
        if (response.To.Tag is null)
        {
            return;
        }

        if (_usage is not null)
        {
            if (response.To.Tag == _usage.Dialog.RemoteTag)
            {
                // A retransmitted 2xx means the ACK was lost: send the same ACK again (§13.2.2.4).
                actions.Send(_ack!);
            }
            else
            {
                // Another fork answered too: acknowledge it and end that dialog at once.
                var fork = new InviteDialogUsage(SipDialog.CreateAsClient(Invite, response), _messages, SipSessionState.Confirmed);
                actions.Send(CreateAck(fork.Dialog));
                fork.Abandon(actions);
            }

            return;
        }

        if (!IsUnanswered)
        {
            return;
        }

        actions.Stop(SipSessionTimer.RingTimeout);
        if (_cancel is not null)
        {
            actions.Stop(SipSessionTimer.CancelTimeout);
        }

        _usage = new InviteDialogUsage(SipDialog.CreateAsClient(Invite, response), _messages, SipSessionState.Confirmed);
        _ack = CreateAck(_usage.Dialog);
        actions.Send(_ack);
        switch (_giveUp)
        {
            case GiveUp.None:
                actions.Report(SipSessionEvent.Answered, response, response.StatusCode);
                break;
            case GiveUp.HangUp:
                // The answer crossed Hark's CANCEL: the call must still be ended, now with a BYE (§9.1).
                _usage.HangUp(actions);
                break;
            case GiveUp.RingTimeout:
                actions.Report(SipSessionEvent.NoAnswer, response, response.StatusCode);
                _usage.Abandon(actions);
                break;
        }
    }

    private void OnFailure(SipSessionActions actions, SipMessage response)
    {
        var status = response.StatusCode;
        if (status is 401 or 407 && _giveUp == GiveUp.None && TryRetryWithCredentials(actions, response))
        {
            return;
        }

        Finish(actions, status, response);
    }

    /// <summary>Ends the unanswered call and reports its one outcome.</summary>
    private void Finish(SipSessionActions actions, int status, SipMessage? response)
    {
        actions.Stop(SipSessionTimer.RingTimeout);
        if (_cancel is not null)
        {
            actions.Stop(SipSessionTimer.CancelTimeout);
        }

        _state = SipSessionState.Terminated;
        var outcome = _giveUp switch
        {
            GiveUp.HangUp => SipSessionEvent.HangUpCompleted,
            GiveUp.RingTimeout => SipSessionEvent.NoAnswer,
            _ => response is null ? SipSessionEvent.Unreachable : SipCallOutcome.ForStatus(status),
        };
        actions.Report(outcome, response, status);
    }

    /// <summary>Answers a digest challenge once (RFC 3261 §22.2): same Call-ID and tag, next CSeq, new branch.</summary>
    private bool TryRetryWithCredentials(SipSessionActions actions, SipMessage response)
    {
        if (_retriedWithCredentials || _call.Username is null || _call.Password is null || _call.Realm is null)
        {
            return false;
        }

        var proxy = response.StatusCode == 407;
        foreach (var value in response.GetHeaders(proxy ? "Proxy-Authenticate" : "WWW-Authenticate"))
        {
            if (DigestChallenge.TryParse(value, out var challenge) && DigestAuthentication.CanAnswer(challenge)
                && string.Equals(challenge.Realm, _call.Realm, StringComparison.OrdinalIgnoreCase))
            {
                var authorization = DigestAuthentication.CreateAuthorization(
                    challenge, SipMethods.Invite, _call.RequestUri.ToString(), _call.Username, _call.Password, _messages.Ids.NewCnonce(), 1);
                _credentials = new SipHeader(proxy ? "Proxy-Authorization" : "Authorization", authorization);
                _retriedWithCredentials = true;
                _provisionalReceived = false;
                _state = SipSessionState.Calling;
                Invite = BuildInvite(Invite.CSeq.Number + 1);
                actions.Send(Invite);
                return true;
            }
        }

        return false;
    }

    /// <summary>The ACK for a 2xx carries the INVITE's credentials (§22.1) and its CSeq number.</summary>
    private SipMessage CreateAck(SipDialog dialog) =>
        dialog.CreateAck(
            Invite.CSeq.Number,
            _messages.NewVia(),
            _messages.RequestHeaders(contact: false, sdp: false, _credentials is { } credentials ? [credentials] : null));
}
