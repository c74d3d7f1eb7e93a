namespace Hark.Rtp.Events;

/// <summary>What a <see cref="TelephoneEventResult"/> reports.</summary>
public enum TelephoneEventResultKind
{
    /// <summary>Nothing happened.</summary>
    None,

    /// <summary>A key went down (a new event started).</summary>
    KeyDown,

    /// <summary>The key that was down was released (end packet, a newer event, or timeout).</summary>
    KeyUp,
}
