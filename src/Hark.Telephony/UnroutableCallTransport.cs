using Hark.Calls.Lifecycle;

namespace Hark.Telephony;

/// <summary>An outgoing call with nowhere to go (a number but no trunk configured): dialling fails at once.</summary>
internal sealed class UnroutableCallTransport : ICallTransport
{
    private CallActor? _actor;

    public void Attach(CallActor actor) => _actor = actor;

    public void Execute(TransportDecision decision)
    {
        if (decision.Action is TransportAction.Dial or TransportAction.HangUp && _actor is { } actor)
        {
            actor.ExecuteAsync(c => decision.Action == TransportAction.Dial ? c.DialFailed(DialFailure.Unreachable) : c.HangUpCompleted()).Forget();
        }
    }
}
