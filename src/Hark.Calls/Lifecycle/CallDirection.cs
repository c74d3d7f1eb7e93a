namespace Hark.Calls.Lifecycle;

/// <summary>Graph's <c>callDirection</c>.</summary>
public enum CallDirection
{
    /// <summary>A caller reached the bot.</summary>
    Incoming,

    /// <summary>The bot placed the call.</summary>
    Outgoing,
}
