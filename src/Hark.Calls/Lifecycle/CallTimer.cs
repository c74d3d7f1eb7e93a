namespace Hark.Calls.Lifecycle;

/// <summary>Timers the lifecycle asks its owner to run; expiry comes back through <see cref="CallLifecycle.TimerExpired"/>.</summary>
public enum CallTimer
{
    /// <summary>The bot must answer or reject an incoming call within this time (Graph: 15 s).</summary>
    Answer,

    /// <summary>An established call ends unless the bot sends keepAlive within this time (Graph: 45 min).</summary>
    KeepAlive,
}
