namespace Hark.Calls.Simulation;

/// <summary>Sends silence until <paramref name="Target"/> is heard; the script fails after <paramref name="Timeout"/>.</summary>
public sealed record WaitForStep(WaitTarget Target, TimeSpan Timeout) : ScriptStep
{
    /// <summary>The timeout used when a script does not give one.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
}
