namespace Hark.Calls.Lifecycle;

/// <summary>
/// The signalling state machine of one call, apart from its media: inputs (bot commands, transport
/// events, timer expiries) go in, <see cref="CallTransition"/>s come out. No I/O and no clock: timers are
/// decisions the owner runs and reports back. A bad command is refused with a <see cref="CallCommandError"/>,
/// never thrown. Not thread-safe: driven from the call's single reader.
/// </summary>
/// <remarks>
/// Whenever media may have run (establishing or later), ending the call emits <see cref="EndMediaDecision"/>
/// first, so operation completions are notified before the terminating/terminated notification.
/// </remarks>
public sealed class CallLifecycle
{
    private readonly CallLifecycleOptions _options;

    private CallLifecycle(CallDirection direction, CallState state, CallLifecycleOptions? options)
    {
        Direction = direction;
        State = state;
        _options = options ?? CallLifecycleOptions.Default;
    }

    /// <summary>Who placed the call.</summary>
    public CallDirection Direction { get; }

    /// <summary>The current state.</summary>
    public CallState State { get; private set; }

    /// <summary>Why the call ended; null until terminated, and null after a reject.</summary>
    public CallResultInfo? Result { get; private set; }

    /// <summary>A caller's offer arrived: the call starts <see cref="CallState.Incoming"/>, rings, and the bot hears of it.</summary>
    public static CallLifecycle Offer(out CallTransition transition, CallLifecycleOptions? options = null)
    {
        var call = new CallLifecycle(CallDirection.Incoming, CallState.Incoming, options);
        transition = CallTransition.Accepted(
            new TransportDecision(TransportAction.SendRinging),
            new StartTimerDecision(CallTimer.Answer, call._options.AnswerTimeout),
            new CallNotification(CallChangeType.Created, CallState.Incoming));
        return call;
    }

    /// <summary>The bot created a call: it starts <see cref="CallState.Establishing"/> and the transport dials.</summary>
    public static CallLifecycle Dial(out CallTransition transition, CallLifecycleOptions? options = null)
    {
        var call = new CallLifecycle(CallDirection.Outgoing, CallState.Establishing, options);
        transition = CallTransition.Accepted(
            new TransportDecision(TransportAction.Dial),
            new CallNotification(CallChangeType.Updated, CallState.Establishing));
        return call;
    }

    /// <summary>The bot answered (POST answer): accept the offer; established follows <see cref="MediaConnected"/>.</summary>
    public CallTransition Answer()
    {
        if (State != CallState.Incoming)
        {
            return Refuse();
        }

        State = CallState.Establishing;
        return CallTransition.Accepted(
            new CancelTimerDecision(CallTimer.Answer),
            new TransportDecision(TransportAction.Accept),
            new CallNotification(CallChangeType.Updated, CallState.Establishing));
    }

    /// <summary>The bot rejected (POST reject). Graph's terminated payload after a reject carries no resultInfo.</summary>
    public CallTransition Reject(CallRejectReason reason)
    {
        if (State != CallState.Incoming)
        {
            return Refuse();
        }

        State = CallState.Terminated;
        return CallTransition.Accepted(
            new CancelTimerDecision(CallTimer.Answer),
            new TransportDecision(TransportAction.Reject, reason),
            new CallNotification(CallChangeType.Deleted, CallState.Terminated));
    }

    /// <summary>
    /// The bot redirected the ringing call (POST redirect): the transport sends the caller to <paramref name="targets"/>
    /// and the call ends at once, 302/8607; what becomes of the caller afterwards is its own network's business.
    /// </summary>
    public CallTransition Redirect(IReadOnlyList<string> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfZero(targets.Count);
        if (State != CallState.Incoming)
        {
            return Refuse();
        }

        State = CallState.Terminated;
        Result = CallResultCodes.Redirected;
        return CallTransition.Accepted(
            new CancelTimerDecision(CallTimer.Answer),
            new TransportDecision(TransportAction.Redirect, Targets: targets),
            new CallNotification(CallChangeType.Deleted, CallState.Terminated, Result));
    }

    /// <summary>
    /// The bot transfers the established call (POST transfer, blind): <see cref="CallState.Transferring"/> while the far
    /// end is asked, then <see cref="TransferAccepted"/>, and <see cref="TransferCompleted"/> or <see cref="TransferFailed"/>.
    /// </summary>
    public CallTransition Transfer(string target)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        if (State != CallState.Established)
        {
            return Refuse();
        }

        State = CallState.Transferring;
        return CallTransition.Accepted(
            new TransportDecision(TransportAction.Transfer, Targets: [target]),
            new CallNotification(CallChangeType.Updated, CallState.Transferring));
    }

    /// <summary>The far end accepted the transfer (SIP 202 to the REFER) and is calling the target.</summary>
    public CallTransition TransferAccepted()
    {
        if (State != CallState.Transferring)
        {
            return Refuse();
        }

        State = CallState.TransferAccepted;
        return CallTransition.Accepted(new CallNotification(CallChangeType.Updated, CallState.TransferAccepted));
    }

    /// <summary>The target answered (sipfrag 200): Hark leaves the call (BYE) and it ends 0/7015, as Graph's does.</summary>
    public CallTransition TransferCompleted()
    {
        if (State is not (CallState.Transferring or CallState.TransferAccepted))
        {
            return Refuse();
        }

        State = CallState.Terminated;
        Result = CallResultCodes.TransferCompleted;
        return CallTransition.Accepted(
            EndMediaDecision.HungUp,
            new TransportDecision(TransportAction.HangUp),
            new CallNotification(CallChangeType.Deleted, CallState.Terminated, Result));
    }

    /// <summary>
    /// The far end refused the transfer, or the target could not be reached: the call is established again, and the
    /// bot hears so with Graph's failure notification (state established, resultInfo 500/7000 and why).
    /// </summary>
    public CallTransition TransferFailed(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (State is not (CallState.Transferring or CallState.TransferAccepted))
        {
            return Refuse();
        }

        State = CallState.Established;
        var failed = new CallNotification(CallChangeType.Updated, CallState.Established, CallResultCodes.TransferFailed(message));
        return KeepAliveTimer is { } timer ? CallTransition.Accepted(failed, timer) : CallTransition.Accepted(failed);
    }

    /// <summary>Incoming: the transport confirmed the answer (SIP ACK), media flows.</summary>
    public CallTransition MediaConnected() =>
        Direction == CallDirection.Incoming ? Establish() : Refuse();

    /// <summary>Outgoing: the callee answered, media flows.</summary>
    public CallTransition RemoteAnswered() =>
        Direction == CallDirection.Outgoing ? Establish() : Refuse();

    /// <summary>Outgoing: the call could not be connected.</summary>
    public CallTransition DialFailed(DialFailure failure)
    {
        if (Direction != CallDirection.Outgoing || State != CallState.Establishing)
        {
            return Refuse();
        }

        return Terminate(CallResultCodes.For(failure), endMedia: false);
    }

    /// <summary>
    /// The other party ended the call (SIP BYE, or CANCEL before the answer). During the bot's own hang-up
    /// this simply completes it.
    /// </summary>
    public CallTransition RemoteHungUp()
    {
        switch (State)
        {
            case CallState.Incoming:
                State = CallState.Terminated;
                Result = CallResultCodes.RemoteHangUp;
                return CallTransition.Accepted(
                    new CancelTimerDecision(CallTimer.Answer),
                    new CallNotification(CallChangeType.Deleted, CallState.Terminated, Result));
            case CallState.Establishing or CallState.Established or CallState.Transferring:
                return Terminate(CallResultCodes.RemoteHangUp, endMedia: true);
            case CallState.TransferAccepted:
                // A transferee that accepted the REFER and then leaves has gone to the target (many phones hang up
                // themselves once the target answers, instead of waiting for the transferor's BYE).
                return Terminate(CallResultCodes.TransferCompleted, endMedia: true);
            case CallState.Terminating:
                return HangUpCompleted();
            default:
                return Refuse();
        }
    }

    /// <summary>The bot hung up (DELETE): media ends, terminating now, terminated on <see cref="HangUpCompleted"/>.</summary>
    public CallTransition HangUp()
    {
        switch (State)
        {
            case CallState.Incoming:
                State = CallState.Terminating;
                return CallTransition.Accepted(
                    new CancelTimerDecision(CallTimer.Answer),
                    new TransportDecision(TransportAction.HangUp),
                    new CallNotification(CallChangeType.Updated, CallState.Terminating));
            case CallState.Establishing or CallState.Established or CallState.Transferring or CallState.TransferAccepted:
                State = CallState.Terminating;
                return CallTransition.Accepted(
                    EndMediaDecision.HungUp,
                    new TransportDecision(TransportAction.HangUp),
                    new CallNotification(CallChangeType.Updated, CallState.Terminating));
            default:
                return Refuse();
        }
    }

    /// <summary>The transport finished the bot's hang-up (BYE answered, or it gave up waiting).</summary>
    public CallTransition HangUpCompleted() =>
        State == CallState.Terminating ? Terminate(CallResultCodes.EndedByBot, endMedia: false) : Refuse();

    /// <summary>A timer fired. One that no longer applies (cancelled, or the state moved on) is ignored.</summary>
    public CallTransition TimerExpired(CallTimer timer)
    {
        if (timer == CallTimer.KeepAlive && State == CallState.Established)
        {
            return Abort(CallResultCodes.KeepAliveTimeout);
        }

        if (timer != CallTimer.Answer || State != CallState.Incoming)
        {
            return CallTransition.Accepted();
        }

        State = CallState.Terminated;
        Result = CallResultCodes.AnswerTimeout;
        return CallTransition.Accepted(
            new TransportDecision(TransportAction.Reject, TimedOut: true),
            new CallNotification(CallChangeType.Deleted, CallState.Terminated, Result));
    }

    /// <summary>
    /// Hark itself ends the call (shutting down, media lost): media ends first, the transport hangs up, and the
    /// call is terminated at once with <paramref name="result"/>, without waiting for the transport.
    /// </summary>
    public CallTransition Abort(CallResultInfo result) => Abort(result, EndMediaDecision.HungUp);

    /// <summary>
    /// No media has arrived for too long: Hark ends the call as in <see cref="Abort(CallResultInfo)"/> with
    /// 410/301005, and a record in progress completes as mediaReceiveTimeout with what was said before.
    /// </summary>
    public CallTransition MediaTimedOut() => Abort(CallResultCodes.MediaTimeout, EndMediaDecision.MediaLost);

    private CallTransition Abort(CallResultInfo result, EndMediaDecision endMedia)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (State == CallState.Terminated)
        {
            return Refuse();
        }

        var decisions = new List<CallDecision>(4);
        if (State == CallState.Incoming)
        {
            decisions.Add(new CancelTimerDecision(CallTimer.Answer));
        }
        else
        {
            decisions.Add(endMedia);
        }

        decisions.Add(new TransportDecision(TransportAction.HangUp));
        State = CallState.Terminated;
        Result = result;
        decisions.Add(new CallNotification(CallChangeType.Deleted, CallState.Terminated, result));
        return CallTransition.Accepted([.. decisions]);
    }

    /// <summary>POST keepAlive: accepted while the call exists; an established call's deadline starts again.</summary>
    public CallTransition KeepAlive() => State switch
    {
        CallState.Terminated => Refuse(),
        CallState.Established when KeepAliveTimer is { } timer => CallTransition.Accepted(timer),
        _ => CallTransition.Accepted(),
    };

    private CallTransition Establish()
    {
        if (State != CallState.Establishing)
        {
            return Refuse();
        }

        State = CallState.Established;
        var established = new CallNotification(CallChangeType.Updated, CallState.Established, AudioActive: true);
        return KeepAliveTimer is { } timer ? CallTransition.Accepted(established, timer) : CallTransition.Accepted(established);
    }

    // Null when the operator turned the keepAlive deadline off.
    private StartTimerDecision? KeepAliveTimer =>
        _options.KeepAliveTimeout > TimeSpan.Zero ? new StartTimerDecision(CallTimer.KeepAlive, _options.KeepAliveTimeout) : null;

    private CallTransition Terminate(CallResultInfo result, bool endMedia)
    {
        State = CallState.Terminated;
        Result = result;
        var notification = new CallNotification(CallChangeType.Deleted, CallState.Terminated, result);
        return endMedia
            ? CallTransition.Accepted(EndMediaDecision.HungUp, notification)
            : CallTransition.Accepted(notification);
    }

    private CallTransition Refuse() =>
        CallTransition.Refused(State == CallState.Terminated ? CallCommandError.CallEnded : CallCommandError.InvalidState);
}
