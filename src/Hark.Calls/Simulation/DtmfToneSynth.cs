using Hark.Media.Dtmf;

namespace Hark.Calls.Simulation;

/// <summary>Writes the two sines of a DTMF key, each at -10 dBm0, with raised-cosine ramps at both ends.</summary>
internal static class DtmfToneSynth
{
    // 0 dBm0 is a sine of peak 22706 (G.711); -10 dB per tone keeps the pair well inside full scale.
    private const double TonePeak = 22706 * 0.31622776601683794;
    private const double RampSeconds = 0.003;

    /// <summary>Whether <paramref name="key"/> has a tone pair (flash has none).</summary>
    public static bool HasTones(DtmfKey key) => key.TryGetFrequencies(out _, out _);

    /// <summary>
    /// Writes samples <paramref name="offset"/> .. offset + destination.Length of a tone lasting
    /// <paramref name="totalSamples"/>, so a tone split over frames is the same as one written whole.
    /// </summary>
    public static void Write(DtmfKey key, long offset, long totalSamples, int sampleRate, Span<short> destination)
    {
        key.TryGetFrequencies(out var lowHz, out var highHz);
        var low = 2 * Math.PI * lowHz / sampleRate;
        var high = 2 * Math.PI * highHz / sampleRate;
        var ramp = Math.Max(1, (int)Math.Round(RampSeconds * sampleRate));
        for (var i = 0; i < destination.Length; i++)
        {
            var n = offset + i;
            var edge = Math.Min(n, totalSamples - 1 - n);
            var gain = edge >= ramp ? 1.0 : 0.5 - (0.5 * Math.Cos(Math.PI * (edge + 0.5) / ramp));
            var value = TonePeak * gain * (Math.Sin(low * n) + Math.Sin(high * n));
            destination[i] = (short)Math.Round(value);
        }
    }
}
