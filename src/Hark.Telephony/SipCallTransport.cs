using Hark.Calls.Lifecycle;
using Hark.Media.Dtmf;
using Hark.Sip.Dialogs;
using Hark.Sip.Messages;

namespace Hark.Telephony;

/// <summary>
/// What incoming and outgoing SIP calls share as a call's transport: one lock around the INVITE session, its
/// decisions carried out (responses, requests, timers), and lifecycle inputs posted to the call's actor after
/// the lock is released (the actor's loop may call straight back into <see cref="Execute"/>).
/// </summary>
internal abstract class SipCallTransport : ICallTransport, IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<SipSessionTimer, ITimer> _timers = [];
    private readonly TimeProvider _time;
    private readonly Action<SipCallTransport> _ended;
    private object? _currentTransaction;

    protected SipCallTransport(ISipCallSignalling signalling, RtpMediaLeg media, TimeProvider time, Action<SipCallTransport> ended, SipTargets targets)
    {
        Targets = targets;
        Signalling = signalling;
        Media = media;
        _time = time;
        _ended = ended;
    }

    public abstract string CallId { get; }

    /// <summary>Hark's tag in the dialog: the To tag of requests the peer sends in it.</summary>
    public abstract string LocalTag { get; }

    /// <summary>The peer's tag, when fixed from the start (the caller's From tag); null for an outgoing call.</summary>
    public abstract string? RemoteTag { get; }

    /// <summary>The key Hark finds the call by: Call-ID and Hark's own tag (RFC 3261 §12: a dialog, not a Call-ID).</summary>
    public (string CallId, string LocalTag) Key => (CallId, LocalTag);

    protected ISipCallSignalling Signalling { get; }

    /// <summary>Where redirect and transfer targets go, and how long a transfer may take.</summary>
    protected SipTargets Targets { get; }

    protected RtpMediaLeg Media { get; }

    protected CallActor? Actor { get; private set; }

    protected abstract SipSessionState SessionState { get; }

    public void Attach(CallActor actor) => Actor = actor;

    public abstract void Execute(TransportDecision decision);

    /// <summary>True once offer and answer agreed on telephone-event: the bot's keys then go out as RFC 4733 events.</summary>
    public bool CanSendDtmfEvents => Media.CanSendDtmfEvents;

    public void SendDtmfEvent(DtmfKey key, TimeSpan duration) => Media.SendDtmfEvent(key, duration);

    // CallMediaSink starts them on the media thread (RtpMediaLeg.Start(CallActor)).
    public bool SendsDtmfEventsWithFrames => true;

    /// <summary>A request in this call's dialog (ACK, BYE, CANCEL, re-INVITE, INFO...).</summary>
    public abstract void OnRequest(object? serverTransaction, SipMessage request);

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

        return Media.DisposeAsync();
    }

    /// <summary>Where a response the session decided goes: the transaction of the request it answers.</summary>
    protected abstract object ResponseTransaction(SipMessage response, object? current);

    /// <summary>A session event; <paramref name="after"/> collects what must run once the lock is released.</summary>
    protected abstract void Report(SipSessionAction action, List<Action> after);

    /// <summary>A session timer fired.</summary>
    protected abstract IReadOnlyList<SipSessionAction> OnTimer(SipSessionTimer timer);

    /// <summary>A response to a request the session sent.</summary>
    protected abstract IReadOnlyList<SipSessionAction> OnResponse(SipMessage response);

    /// <summary>A request the session sent got no final response.</summary>
    protected abstract IReadOnlyList<SipSessionAction> OnTransactionTimeout(SipMessage request);

    protected void Run(Func<IReadOnlyList<SipSessionAction>> input, object? transaction = null)
    {
        List<Action> after = [];
        lock (_gate)
        {
            _currentTransaction = transaction;
            Apply(input(), after);
            _currentTransaction = null;
        }

        foreach (var work in after)
        {
            work();
        }

        if (SessionState == SipSessionState.Terminated)
        {
            _ended(this);
        }
    }

    protected void Apply(IReadOnlyList<SipSessionAction> actions, List<Action> after)
    {
        foreach (var action in actions)
        {
            switch (action.Kind)
            {
                case SipSessionActionKind.SendResponse:
                    Signalling.Respond(ResponseTransaction(action.Message!, _currentTransaction), action.Message!);
                    break;
                case SipSessionActionKind.SendRequest when action.Message!.Method == SipMethods.Ack:
                    Signalling.SendStateless(action.Message);
                    break;
                case SipSessionActionKind.SendRequest:
                    var request = action.Message;
                    Signalling.SendRequest(request, response => Run(() => OnResponse(response)), () => Run(() => OnTransactionTimeout(request)));
                    break;
                case SipSessionActionKind.StartTimer:
                    StopTimer(action.Timer);
                    var timer = action.Timer;
                    _timers[timer] = _time.CreateTimer(_ => Run(() => OnTimer(timer)), null, action.Delay, Timeout.InfiniteTimeSpan);
                    break;
                case SipSessionActionKind.StopTimer:
                    StopTimer(action.Timer);
                    break;
                case SipSessionActionKind.Report:
                    Report(action, after);
                    break;
            }
        }
    }

    /// <summary>A blind transfer's progress, as the lifecycle's inputs; false for any other session event.</summary>
    protected bool ReportTransfer(SipSessionAction action, List<Action> after)
    {
        switch (action.Event)
        {
            case SipSessionEvent.TransferAccepted:
                after.Add(() => Post(c => c.TransferAccepted()));
                return true;
            case SipSessionEvent.TransferSucceeded:
                after.Add(() => Post(c => c.TransferCompleted()));
                return true;
            case SipSessionEvent.TransferFailed:
                var message = action.Detail ?? "The transfer failed.";
                after.Add(() => Post(c => c.TransferFailed(message)));
                return true;
            default:
                return false;
        }
    }

    protected void Post(Func<CallLifecycle, CallTransition> command)
    {
        if (Actor is { } actor)
        {
            actor.ExecuteAsync(command).Forget();
        }
    }

    private void StopTimer(SipSessionTimer timer)
    {
        if (_timers.Remove(timer, out var running))
        {
            running.Dispose();
        }
    }
}
