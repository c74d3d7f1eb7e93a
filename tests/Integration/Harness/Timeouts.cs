namespace Hark.Integration.Harness;

/// <summary>How long the scenarios wait; small, since everything runs on loopback in real time.</summary>
public static class Timeouts
{
    /// <summary>For a notification that should follow an action at once.</summary>
    public static readonly TimeSpan Notification = TimeSpan.FromSeconds(10);

    /// <summary>For a media operation to finish: the audio involved is a few seconds long.</summary>
    public static readonly TimeSpan Operation = TimeSpan.FromSeconds(20);
}
