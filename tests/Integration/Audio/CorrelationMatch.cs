namespace Hark.Integration.Audio;

/// <summary>Result of <see cref="Correlation.Find"/>.</summary>
/// <param name="Score">Normalised correlation at the best offset (1 = same waveform).</param>
/// <param name="Offset">Samples from the longer signal's start to where the shorter one matches.</param>
/// <param name="FirstWasShorter">True when the first argument was the one slid over the second.</param>
public sealed record CorrelationMatch(double Score, int Offset, bool FirstWasShorter);
