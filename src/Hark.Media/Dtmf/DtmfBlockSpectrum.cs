namespace Hark.Media.Dtmf;

/// <summary>
/// Goertzel results for one analysis block at the eight DTMF frequencies. Complex values are
/// DFT sums with phase referenced to the block's first sample, so consecutive blocks can be
/// compared by phase.
/// </summary>
internal sealed class DtmfBlockSpectrum
{
    /// <summary>|X|² over the whole block, per frequency.</summary>
    public float[] Energy { get; } = new float[DtmfTones.Count];

    /// <summary>Real part of the DFT sum over the whole block.</summary>
    public float[] Re { get; } = new float[DtmfTones.Count];

    /// <summary>Imaginary part of the DFT sum over the whole block.</summary>
    public float[] Im { get; } = new float[DtmfTones.Count];

    /// <summary>Real part of the DFT sum over the first half of the block.</summary>
    public float[] HalfRe { get; } = new float[DtmfTones.Count];

    /// <summary>Imaginary part of the DFT sum over the first half of the block.</summary>
    public float[] HalfIm { get; } = new float[DtmfTones.Count];

    /// <summary>Sum of squared samples over the block.</summary>
    public float TotalEnergy { get; set; }
}
