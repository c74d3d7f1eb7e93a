using Hark.Media.Dtmf;

namespace Hark.Calls.Simulation;

/// <summary>Presses <paramref name="Key"/> for <paramref name="Duration"/>; the step lasts that long in either mode.</summary>
public sealed record DtmfStep(DtmfKey Key, DtmfMode Mode, TimeSpan Duration) : ScriptStep
{
    /// <summary>The press length used when a script does not give one.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromMilliseconds(100);
}
