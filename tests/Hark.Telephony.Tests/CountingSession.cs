namespace Hark.Telephony.Tests;

/// <summary>A paced session that counts its ticks and notes the thread that ran them; it may throw, or end after some ticks.</summary>
internal sealed class CountingSession : IPacedSession
{
    private int _ticks;
    private int _thread = -1;

    public bool Throws { get; init; }

    /// <summary>Tick returns false (the session is over) on this tick; 0 never.</summary>
    public int EndsAt { get; init; }

    public int Ticks => Volatile.Read(ref _ticks);

    /// <summary>The managed thread of the last tick.</summary>
    public int Thread => Volatile.Read(ref _thread);

    public bool Tick()
    {
        Volatile.Write(ref _thread, Environment.CurrentManagedThreadId);
        var ticks = Interlocked.Increment(ref _ticks);
        return Throws ? throw new InvalidOperationException("a broken session") : ticks != EndsAt;
    }
}
