using Hark.Calls.Lifecycle;
using Hark.Media.Dtmf;
using Hark.Sdp;
using Hark.Sip.Dialogs;
using Hark.Sip.Messages;

namespace Hark.Host.Telephony;

/// <summary>
/// A caller's INVITE as the call's transport: the lifecycle's decisions become SIP (180, 200 with Hark's SDP
/// answer, 486/603/403/480, BYE), and what the caller does in SIP (ACK, CANCEL, BYE, re-INVITE) becomes
/// lifecycle inputs. All session inputs run under one lock, so the session sees them in order.
/// </summary>
internal sealed class SipIncomingCall : ICallTransport, IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly InviteServerSession _session;
    private readonly object _inviteTransaction;
    private readonly ISipCallSignalling _signalling;
    private readonly RtpMediaLeg _media;
    private readonly TimeProvider _time;
    private readonly Dictionary<SipSessionTimer, ITimer> _timers = [];
    private readonly Action<SipIncomingCall> _ended;
    private CallActor? _actor;
    private object? _currentTransaction;
    private bool _mediaStarted;

    public SipIncomingCall(
        InviteServerSession session, object inviteTransaction, ISipCallSignalling signalling, RtpMediaLeg media, TimeProvider time, Action<SipIncomingCall> ended)
    {
        _session = session;
        _inviteTransaction = inviteTransaction;
        _signalling = signalling;
        _media = media;
        _time = time;
        _ended = ended;
    }

    public string CallId => _session.Invite.CallId ?? "";

    public void Attach(CallActor actor) => _actor = actor;

    public void Execute(TransportDecision decision)
    {
        switch (decision.Action)
        {
            case TransportAction.SendRinging:
                Run(s => s.Ring());
                break;
            case TransportAction.Accept:
                Run(s => s.Accept(_media.LocalDescription.ToUtf8Bytes()));
                break;
            case TransportAction.Reject:
                Run(s => s.Reject(decision.TimedOut ? 480 : decision.RejectReason switch
                {
                    CallRejectReason.Busy => 486,
                    CallRejectReason.Forbidden => 403,
                    _ => 603,
                }));
                break;
            case TransportAction.HangUp:
                Run(s => s.HangUp());
                break;
            case TransportAction.Dial:
                Post(c => c.DialFailed(DialFailure.Unreachable));
                break;
        }
    }

    public void SendFrame(ReadOnlySpan<short> frame) => _media.SendFrame(frame);

    /// <summary>A request in this call's dialog (ACK, BYE, CANCEL, re-INVITE, INFO...).</summary>
    public void OnRequest(object? serverTransaction, SipMessage request) => Run(s => s.OnRequest(request), serverTransaction);

    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            foreach (var timer in _timers.Values)
            {
                timer.Dispose();
            }

            _timers.Clear();
        }

        return _media.DisposeAsync();
    }

    private void Run(Func<InviteServerSession, IReadOnlyList<SipSessionAction>> input, object? transaction = null)
    {
        List<Action> after = [];
        lock (_gate)
        {
            _currentTransaction = transaction;
            foreach (var action in input(_session))
            {
                Apply(action, after);
            }

            _currentTransaction = null;
        }

        // Calls into the actor happen outside the lock: the actor's loop may call back into Execute.
        foreach (var work in after)
        {
            work();
        }

        if (_session.State == SipSessionState.Terminated)
        {
            _ended(this);
        }
    }

    private void Apply(SipSessionAction action, List<Action> after)
    {
        switch (action.Kind)
        {
            case SipSessionActionKind.SendResponse:
                // A response to the INVITE goes on its transaction; one to an in-dialog request on that request's.
                var onInvite = action.Message!.CSeq.Number == _session.Invite.CSeq.Number
                    && string.Equals(action.Message.CSeq.Method, SipMethods.Invite, StringComparison.Ordinal);
                _signalling.Respond(onInvite || _currentTransaction is null ? _inviteTransaction : _currentTransaction, action.Message);
                break;
            case SipSessionActionKind.SendRequest:
                var request = action.Message!;
                if (string.Equals(request.Method, SipMethods.Ack, StringComparison.Ordinal))
                {
                    _signalling.SendStateless(request);
                }
                else
                {
                    _signalling.SendRequest(request, response => Run(s => s.OnResponse(response)), () => Run(s => s.OnTransactionTimeout(request)));
                }

                break;
            case SipSessionActionKind.StartTimer:
                if (_timers.Remove(action.Timer, out var previous))
                {
                    previous.Dispose();
                }

                var timer = action.Timer;
                _timers[timer] = _time.CreateTimer(_ => Run(s => s.OnTimer(timer)), null, action.Delay, Timeout.InfiniteTimeSpan);
                break;
            case SipSessionActionKind.StopTimer:
                if (_timers.Remove(action.Timer, out var stopped))
                {
                    stopped.Dispose();
                }

                break;
            case SipSessionActionKind.Report:
                Report(action, after);
                break;
        }
    }

    private void Report(SipSessionAction action, List<Action> after)
    {
        switch (action.Event)
        {
            case SipSessionEvent.MediaConnected when !_mediaStarted:
                _mediaStarted = true;
                after.Add(() =>
                {
                    Post(c => c.MediaConnected());
                    _media.Start(new CallMediaSink(_actor!));
                });
                break;
            case SipSessionEvent.CancelledByCaller or SipSessionEvent.RemoteHangUp:
                after.Add(() => Post(c => c.RemoteHungUp()));
                break;
            case SipSessionEvent.HangUpCompleted or SipSessionEvent.AckTimeout:
                after.Add(() => Post(c => c.State == CallState.Terminating ? c.HangUpCompleted() : c.RemoteHungUp()));
                break;
            case SipSessionEvent.ReInvite:
                AnswerReInvite(action, after);
                break;
            case SipSessionEvent.Key when action.Detail is { Length: 1 } key && DtmfKeyExtensions.TryParse(key[0], out var dtmf):
                after.Add(() => _ = _actor?.ExecuteMediaAsync(m => m.OnKey(dtmf, 0)));
                break;
        }
    }

    // Hold, unhold and session refresh: answer from Hark's previous SDP so the version only moves on a change.
    private void AnswerReInvite(SipSessionAction action, List<Action> after)
    {
        var body = action.Message?.Body ?? ReadOnlyMemory<byte>.Empty;
        if (!SessionDescription.TryParse(body.Span, out var offer, out _))
        {
            foreach (var a in _session.RejectReInvite(488))
            {
                Apply(a, after);
            }

            return;
        }

        var previous = _media.LocalDescription;
        var local = new LocalAudioCapabilities(previous.Origin.Address, _media.Port, ulong.Parse(previous.Origin.SessionId, System.Globalization.CultureInfo.InvariantCulture));
        var answer = OfferAnswer.Answer(offer!, local, previous);
        var actions = answer.IsAccepted ? _session.AnswerReInvite(answer.Answer!.ToUtf8Bytes()) : _session.RejectReInvite(488);
        if (answer.IsAccepted)
        {
            _media.Update(answer.Audio!, answer.Answer!);
        }

        foreach (var a in actions)
        {
            Apply(a, after);
        }
    }

    private void Post(Func<CallLifecycle, CallTransition> command)
    {
        if (_actor is { } actor)
        {
            _ = actor.ExecuteAsync(command).ContinueWith(
                static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }
}
