using Hark.Calls.Lifecycle;

namespace Hark.Graph.Tests.Calls;

/// <summary>A transport that confirms answers and hang-ups at once, and lets the test push caller frames.</summary>
internal sealed class FakeTransport : ICallTransport
{
    private readonly Lock _gate = new();
    private readonly List<TransportAction> _actions = [];

    public CallActor? Actor { get; private set; }

    public int FramesSent { get; private set; }

    public IReadOnlyList<TransportAction> Actions
    {
        get
        {
            lock (_gate)
            {
                return [.. _actions];
            }
        }
    }

    public void Attach(CallActor actor) => Actor = actor;

    public void Execute(TransportDecision decision)
    {
        lock (_gate)
        {
            _actions.Add(decision.Action);
        }

        switch (decision.Action)
        {
            case TransportAction.Accept:
                _ = Actor!.ExecuteAsync(c => c.MediaConnected());
                break;
            case TransportAction.HangUp:
                _ = Actor!.ExecuteAsync(c => c.HangUpCompleted());
                break;
        }
    }

    /// <summary>Set to take the bot's keys as RFC 4733 events, as a SIP leg with telephone-event does.</summary>
    public bool CanSendDtmfEvents { get; set; }

    /// <summary>Keys handed over as events, in order.</summary>
    public List<(Hark.Media.Dtmf.DtmfKey Key, TimeSpan Duration)> DtmfEvents { get; } = [];

    public void SendDtmfEvent(Hark.Media.Dtmf.DtmfKey key, TimeSpan duration) => DtmfEvents.Add((key, duration));

    /// <summary>Pushes <paramref name="seconds"/> of silence as 20 ms frames, as a media thread does, counting Hark's answers.</summary>
    public void PushSilence(double seconds)
    {
        var frame = new short[160];
        var outbound = new short[160];
        for (var i = 0; i < (int)Math.Round(seconds * 50); i++)
        {
            Assert.True(Actor!.ProcessFrame(frame, outbound));
            FramesSent++;
        }
    }
}
