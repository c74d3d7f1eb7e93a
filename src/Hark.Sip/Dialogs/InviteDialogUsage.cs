using System.Text;
using Hark.Sip.Messages;

namespace Hark.Sip.Dialogs;

/// <summary>
/// The INVITE usage of an established dialog, shared by both sides: 2xx retransmission until the ACK (§13.3.1.4),
/// re-INVITEs from the peer, BYE either way, OPTIONS, INFO keys, Hark's blind transfer (REFER and the NOTIFYs of its
/// implicit subscription, see <see cref="ReferClientUsage"/>) and 501 for the rest.
/// </summary>
internal sealed class InviteDialogUsage
{
    private readonly SipSessionMessages _messages;
    private SipMessage? _unacked2xx;
    private bool _unackedIsInitial;
    private TimeSpan _retransmitDelay;
    private SipMessage? _pendingReInvite;
    private SipMessage? _bye;
    private bool _byeReports;
    private bool _hangUpAfterAck;
    private ReferClientUsage? _refer;

    public InviteDialogUsage(SipDialog dialog, SipSessionMessages messages, SipSessionState state)
    {
        Dialog = dialog;
        _messages = messages;
        State = state;
    }

    public SipDialog Dialog { get; }

    public SipSessionState State { get; private set; }

    /// <summary>Sends a 2xx to an INVITE and retransmits it until its ACK (independent of transport, §13.3.1.4).</summary>
    public void Send2xx(SipSessionActions actions, SipMessage response, bool initial)
    {
        _unacked2xx = response;
        _unackedIsInitial = initial;
        _retransmitDelay = _messages.Settings.Timers.T1;
        actions.Respond(response);
        actions.Start(SipSessionTimer.Retransmit2xx, _retransmitDelay);
        actions.Start(SipSessionTimer.AckTimeout, _messages.Settings.Timers.TransactionTimeout);
    }

    public void OnTimer(SipSessionActions actions, SipSessionTimer timer)
    {
        if (timer == SipSessionTimer.TransferTimeout)
        {
            _refer?.OnDeadline(actions);
            return;
        }

        if (_unacked2xx is null)
        {
            return;
        }

        if (timer == SipSessionTimer.Retransmit2xx)
        {
            actions.Respond(_unacked2xx);
            var doubled = _retransmitDelay * 2;
            _retransmitDelay = doubled < _messages.Settings.Timers.T2 ? doubled : _messages.Settings.Timers.T2;
            actions.Start(SipSessionTimer.Retransmit2xx, _retransmitDelay);
        }
        else if (timer == SipSessionTimer.AckTimeout)
        {
            // The dialog counts as confirmed, but a session whose ACK never came is ended with a BYE.
            actions.Stop(SipSessionTimer.Retransmit2xx);
            _unacked2xx = null;
            State = SipSessionState.Confirmed;
            actions.Report(SipSessionEvent.AckTimeout);
            SendBye(actions, report: _hangUpAfterAck);
        }
    }

    public void OnRequest(SipSessionActions actions, SipMessage request)
    {
        if (State == SipSessionState.Terminated)
        {
            RespondUnlessAck(actions, request, 481);
            return;
        }

        var check = Dialog.CheckRequest(request);
        if (check != 0)
        {
            RespondUnlessAck(actions, request, check);
            return;
        }

        switch (request.Method)
        {
            case SipMethods.Ack:
                OnAck(actions, request);
                break;
            case SipMethods.Bye:
                OnBye(actions, request);
                break;
            case SipMethods.Invite:
                OnReInvite(actions, request);
                break;
            case SipMethods.Cancel:
                // The transaction layer answered the CANCEL; the re-INVITE it names ends with 487 (§9.2).
                if (_pendingReInvite is { } pending && pending.CSeq.Number == request.CSeq.Number)
                {
                    actions.Respond(_messages.Response(pending, 487));
                    _pendingReInvite = null;
                }

                break;
            case SipMethods.Options:
                actions.Respond(_messages.Response(request, 200, contact: true, extraHeaders: [new SipHeader(SipHeaderNames.Accept, SipSessionMessages.SdpContentType)]));
                break;
            case SipMethods.Notify when _refer is not null:
                _refer.OnNotify(actions, _messages, request);
                break;
            case SipMethods.Notify:
                // RFC 6665 §4.1.3: a NOTIFY for no subscription of Hark's.
                actions.Respond(_messages.Response(request, 481));
                break;
            case SipMethods.Info:
                actions.Respond(_messages.Response(request, 200));
                if (ReadKey(request) is { } key)
                {
                    actions.Report(SipSessionEvent.Key, request, detail: key);
                }

                break;
            default:
                actions.Respond(_messages.Response(request, 501, extraHeaders: [new SipHeader(SipHeaderNames.Allow, SipSessionMessages.AllowedMethods)]));
                break;
        }
    }

    public void OnResponse(SipSessionActions actions, SipMessage response)
    {
        if (_refer is { } refer && refer.IsRefer(response))
        {
            refer.OnResponse(actions, response);
            return;
        }

        if (_bye is { } bye && response.CSeq.Method == SipMethods.Bye && response.CSeq.Number == bye.CSeq.Number && response.StatusCode >= 200)
        {
            EndBye(actions, response.StatusCode);
        }
    }

    public void OnTransactionTimeout(SipSessionActions actions, SipMessage request)
    {
        if (_refer is { } refer && refer.IsRefer(request))
        {
            refer.OnTimeout(actions);
            return;
        }

        if (_bye is { } bye && request.Method == SipMethods.Bye && request.CSeq.Number == bye.CSeq.Number)
        {
            EndBye(actions, 408);
        }
    }

    /// <summary>
    /// Hark transfers the peer to <paramref name="referTo"/> (blind, RFC 5589 §6.1): a REFER, whose outcome is reported
    /// later. False, sending nothing, unless the dialog is confirmed and no other transfer is under way.
    /// </summary>
    public bool Transfer(SipSessionActions actions, string referTo, TimeSpan timeout)
    {
        if (State != SipSessionState.Confirmed || _refer is { IsFinished: false })
        {
            return false;
        }

        _refer = ReferClientUsage.Start(actions, Dialog, _messages, referTo, timeout);
        return true;
    }

    /// <summary>Hark hangs up: BYE now, or right after the ACK when Hark's 2xx is still unacknowledged (§15).</summary>
    public void HangUp(SipSessionActions actions)
    {
        if (State == SipSessionState.Accepted)
        {
            _hangUpAfterAck = true;
        }
        else if (State == SipSessionState.Confirmed)
        {
            if (_pendingReInvite is { } pending)
            {
                actions.Respond(_messages.Response(pending, 487));
                _pendingReInvite = null;
            }

            SendBye(actions, report: true);
        }
    }

    /// <summary>Sends a BYE whose completion is silent (a fork or a late 2xx Hark no longer wants).</summary>
    public void Abandon(SipSessionActions actions) => SendBye(actions, report: false);

    public void AnswerReInvite(SipSessionActions actions, ReadOnlyMemory<byte> sdp)
    {
        if (_pendingReInvite is not { } reInvite || State != SipSessionState.Confirmed)
        {
            return;
        }

        _pendingReInvite = null;
        Send2xx(actions, _messages.Response(reInvite, 200, contact: true, sdp: sdp), initial: false);
    }

    public void RejectReInvite(SipSessionActions actions, int statusCode)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 300);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 699);
        if (_pendingReInvite is { } reInvite)
        {
            _pendingReInvite = null;
            actions.Respond(_messages.Response(reInvite, statusCode));
        }
    }

    private void OnAck(SipSessionActions actions, SipMessage ack)
    {
        // An ACK for an older 2xx, or a retransmitted one, has nothing left to stop.
        if (_unacked2xx is null || ack.CSeq.Number != _unacked2xx.CSeq.Number)
        {
            return;
        }

        _unacked2xx = null;
        actions.Stop(SipSessionTimer.Retransmit2xx);
        actions.Stop(SipSessionTimer.AckTimeout);
        if (!_unackedIsInitial)
        {
            actions.Report(SipSessionEvent.ReInviteAcknowledged, ack);
            return;
        }

        State = SipSessionState.Confirmed;
        actions.Report(SipSessionEvent.MediaConnected, ack);
        if (_hangUpAfterAck)
        {
            SendBye(actions, report: true);
        }
    }

    private void OnBye(SipSessionActions actions, SipMessage bye)
    {
        actions.Respond(_messages.Response(bye, 200));
        if (State == SipSessionState.Terminating)
        {
            // Both sides hung up at once: Hark's own BYE still reports when it completes.
            return;
        }

        if (_unacked2xx is not null)
        {
            _unacked2xx = null;
            actions.Stop(SipSessionTimer.Retransmit2xx);
            actions.Stop(SipSessionTimer.AckTimeout);
        }

        if (_pendingReInvite is { } pending)
        {
            // §15.1.2: requests still pending when the BYE arrives end with 487.
            actions.Respond(_messages.Response(pending, 487));
            _pendingReInvite = null;
        }

        State = SipSessionState.Terminated;
        _refer?.Abandon(actions);
        actions.Report(SipSessionEvent.RemoteHangUp, bye);
    }

    private void OnReInvite(SipSessionActions actions, SipMessage reInvite)
    {
        if (State == SipSessionState.Terminating)
        {
            actions.Respond(_messages.Response(reInvite, 481));
            return;
        }

        if (_pendingReInvite is not null || _unacked2xx is not null)
        {
            // §14.2: an INVITE while another is unanswered gets 500 with a Retry-After of up to 10 s.
            actions.Respond(_messages.Response(reInvite, 500, extraHeaders: [new SipHeader("Retry-After", "5")]));
            return;
        }

        Dialog.RefreshTarget(reInvite);
        _pendingReInvite = reInvite;
        actions.Report(SipSessionEvent.ReInvite, reInvite);
    }

    private void SendBye(SipSessionActions actions, bool report)
    {
        if (_unacked2xx is not null)
        {
            _unacked2xx = null;
            actions.Stop(SipSessionTimer.Retransmit2xx);
            actions.Stop(SipSessionTimer.AckTimeout);
        }

        _refer?.Abandon(actions);
        _bye = Dialog.CreateRequest(SipMethods.Bye, _messages.NewVia(), _messages.RequestHeaders(contact: false, sdp: false));
        _byeReports = report;
        State = SipSessionState.Terminating;
        actions.Send(_bye);
    }

    private void EndBye(SipSessionActions actions, int statusCode)
    {
        _bye = null;
        if (State == SipSessionState.Terminated)
        {
            return;
        }

        State = SipSessionState.Terminated;
        if (_byeReports)
        {
            actions.Report(SipSessionEvent.HangUpCompleted, statusCode: statusCode);
        }
    }

    private void RespondUnlessAck(SipSessionActions actions, SipMessage request, int statusCode)
    {
        if (request.Method != SipMethods.Ack)
        {
            actions.Respond(_messages.Response(request, statusCode));
        }
    }

    /// <summary>The key of an INFO carrying application/dtmf-relay (<c>Signal=5</c>) or application/dtmf (<c>5</c>).</summary>
    private static string? ReadKey(SipMessage info)
    {
        var type = info.ContentType?.Split(';')[0].Trim();
        var body = Encoding.UTF8.GetString(info.Body.Span);
        string? signal = null;
        if (string.Equals(type, "application/dtmf-relay", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var line in body.Split('\n'))
            {
                var eq = line.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0 && line[..eq].Trim().Equals("Signal", StringComparison.OrdinalIgnoreCase))
                {
                    signal = line[(eq + 1)..].Trim();
                }
            }
        }
        else if (string.Equals(type, "application/dtmf", StringComparison.OrdinalIgnoreCase))
        {
            signal = body.Trim();
        }

        // Some phones send the RFC 4733 event numbers 10 and 11 for * and #.
        return signal switch
        {
            "10" => "*",
            "11" => "#",
            { Length: 1 } s when "0123456789*#ABCDabcd".Contains(s[0], StringComparison.Ordinal) => s.ToUpperInvariant(),
            _ => null,
        };
    }
}
