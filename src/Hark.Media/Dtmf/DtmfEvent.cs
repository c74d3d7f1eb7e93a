namespace Hark.Media.Dtmf;

/// <summary>
/// A key press or release found by <see cref="DtmfDetector"/>. Positions are absolute sample
/// indices counted from the detector's start (or last <see cref="DtmfDetector.Reset"/>), so the
/// caller can cut the tone, <c>[OnsetSample, EndSample)</c>, out of what it recorded.
/// </summary>
/// <param name="Kind">Press, release, or nothing.</param>
/// <param name="Key">The key; meaningless when <paramref name="Kind"/> is <see cref="DtmfEventKind.None"/>.</param>
/// <param name="OnsetSample">Estimated first sample of the tone (on both KeyDown and KeyUp).</param>
/// <param name="EndSample">Estimated sample just after the tone on KeyUp; -1 on KeyDown (not known yet).</param>
public readonly record struct DtmfEvent(DtmfEventKind Kind, DtmfKey Key, long OnsetSample, long EndSample)
{
    /// <summary>The empty event returned when nothing happened.</summary>
    public static DtmfEvent None => default;

    /// <summary>Tone length in samples for a KeyUp event; 0 otherwise.</summary>
    public long DurationSamples => Kind == DtmfEventKind.KeyUp ? EndSample - OnsetSample : 0;
}
