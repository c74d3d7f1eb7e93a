namespace Hark.Media.Dtmf;

/// <summary>Acceptance limits checked over a run's 30 ms window before a key is confirmed.</summary>
/// <param name="MaxFrequencyError">Largest relative frequency error of either tone.</param>
/// <param name="MinPurity">Smallest share of the window's energy the two tones must hold.</param>
/// <param name="MinDominance">Smallest energy ratio of each tone over the others in its group.</param>
/// <param name="MaxNormalTwist">Largest energy ratio low tone / high tone.</param>
/// <param name="MaxReverseTwist">Largest energy ratio high tone / low tone.</param>
internal readonly record struct DtmfLimits(
    float MaxFrequencyError,
    float MinPurity,
    float MinDominance,
    float MaxNormalTwist,
    float MaxReverseTwist);
