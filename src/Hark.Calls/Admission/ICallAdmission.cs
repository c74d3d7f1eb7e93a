namespace Hark.Calls.Admission;

/// <summary>
/// Whether Hark can take one more call without damaging the ones it carries (its capacity): asked before a new
/// incoming call rings and before an outgoing call is placed. Live calls are never affected.
/// </summary>
public interface ICallAdmission
{
    /// <summary>True to admit; false with how long the caller should wait before trying again.</summary>
    bool TryAdmit(out TimeSpan retryAfter);
}
