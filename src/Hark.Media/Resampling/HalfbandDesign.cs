namespace Hark.Media.Resampling;

/// <summary>
/// Kaiser half-band low-pass at 16 kHz for the 8k↔16k telephone pair: pass band to 3400 Hz, stop band
/// from 4600 Hz, the two edges mirrored about 4 kHz. Every even tap except the centre (1/2) is zero,
/// so only the odd taps, a symmetric set of 2K, need computing.
/// </summary>
/// <remarks>
/// G.711 speech carries nothing useful above 3.4 kHz, so the transition may straddle 4 kHz; what lies
/// at 3.4–4 kHz images (up) or aliases (down) into 4–4.6 kHz only partly attenuated (6 dB at 4 kHz).
/// </remarks>
internal sealed class HalfbandDesign
{
    public const double StopbandAttenuationDb = 80;

    /// <summary>Pass-band edge in cycles per sample at the higher rate: 3400 Hz at 16 kHz.</summary>
    public const double PassbandEdge = 0.2125;

    public HalfbandDesign()
    {
        var transition = 2 * (0.25 - PassbandEdge);
        var length = KaiserLowpass.TapsFor(StopbandAttenuationDb, transition);
        Half = (int)Math.Ceiling((length + 1) / 4);
        var prototype = KaiserLowpass.Design((4 * Half) - 1, 0.25, KaiserLowpass.Beta(StopbandAttenuationDb));

        // The odd taps sum to 1/2 (the centre supplies the other half), so a constant passes unchanged.
        var centre = (2 * Half) - 1;
        var sum = 0.0;
        for (var i = 0; i < Half; i++)
        {
            sum += prototype[centre + (2 * i) + 1];
        }

        Taps = new float[Half];
        for (var i = 0; i < Half; i++)
        {
            Taps[i] = (float)(0.5 * prototype[centre + (2 * i) + 1] / sum);
        }
    }

    /// <summary>K: the odd branch has 2K taps, K distinct; the prototype has 4K - 1.</summary>
    public int Half { get; }

    /// <summary>
    /// Odd taps from the centre outwards, doubled (so they sum to 1/2): the odd output between samples
    /// a and a + 1 is the sum over i of Taps[i] * (x[a - i] + x[a + 1 + i]).
    /// </summary>
    public float[] Taps { get; }
}
