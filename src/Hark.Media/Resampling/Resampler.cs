namespace Hark.Media.Resampling;

/// <summary>
/// Streaming PCM16 sample-rate converter with a Kaiser-windowed sinc polyphase filter
/// (80 dB stop band starting at the lower Nyquist, pass band flat to 85 % of it). The telephone pair
/// 8k↔16k instead uses a cheaper half-band filter: flat to 3.4 kHz, 75–80 dB down from 4.6 kHz.
/// </summary>
/// <remarks>
/// Stateful: feed frames in order; the output is identical to converting the concatenated input in one
/// call, however the input is split. The rates reduce to a fraction L/M (44100→8000 = 80/441); integer
/// factors (M = 1 or L = 1) use vectorised kernels that compute several outputs per instruction.
/// With the half-band filter, 3.4–4 kHz content images or aliases into 4–4.6 kHz only partly
/// attenuated; G.711 speech has nothing useful there.
/// Rates must be 1000–384000 Hz and the reduced L and M at most 1024, which covers every pair of
/// 8, 16, 22.05, 24, 32, 44.1 and 48 kHz. Process allocates nothing. Not thread-safe: one instance per stream.
/// </remarks>
public sealed class Resampler
{
    private const int MinRate = 1000;
    private const int MaxRate = 384_000;
    private const int MaxFactor = 1024;

    private readonly ResampleKernel _kernel;
    private readonly int _up;
    private readonly int _down;

    /// <summary>Creates a converter from <paramref name="inputRate"/> to <paramref name="outputRate"/> (Hz).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A rate is out of range or the ratio is too complex.</exception>
    public Resampler(int inputRate, int outputRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputRate, MinRate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(inputRate, MaxRate);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputRate, MinRate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(outputRate, MaxRate);
        InputRate = inputRate;
        OutputRate = outputRate;

        (_up, _down) = PolyphaseDesign.Reduce(inputRate, outputRate);
        if (_up > MaxFactor || _down > MaxFactor)
        {
            throw new ArgumentOutOfRangeException(
                nameof(outputRate), $"The ratio {outputRate}/{inputRate} reduces to {_up}/{_down}; at most {MaxFactor} on either side is supported.");
        }

        if (inputRate == outputRate)
        {
            _kernel = new PassthroughKernel();
        }
        else if (inputRate == 8000 && outputRate == 16000)
        {
            var up = new HalfbandUpsampleKernel(new HalfbandDesign());
            DelaySamples = up.DelaySamples;
            _kernel = up;
        }
        else if (inputRate == 16000 && outputRate == 8000)
        {
            var down = new HalfbandDownsampleKernel(new HalfbandDesign());
            DelaySamples = down.DelaySamples;
            _kernel = down;
        }
        else
        {
            var design = new PolyphaseDesign(inputRate, outputRate);
            DelaySamples = design.DelaySamples;
            _kernel = _down == 1 ? new UpsampleKernel(design)
                : _up == 1 ? new DownsampleKernel(design)
                : new RationalKernel(design);
        }
    }

    /// <summary>Input sample rate in Hz.</summary>
    public int InputRate { get; }

    /// <summary>Output sample rate in Hz.</summary>
    public int OutputRate { get; }

    /// <summary>
    /// Group delay of the filter in output samples: output sample n + DelaySamples corresponds to input
    /// time n / OutputRate. Zero when the rates are equal.
    /// </summary>
    public int DelaySamples { get; }

    /// <summary>
    /// The most samples one <see cref="Process"/> call can write for <paramref name="inputLength"/> input
    /// samples, whatever has been fed before: ceil(inputLength * OutputRate / InputRate).
    /// </summary>
    public int MaxOutputLength(int inputLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inputLength);
        return checked((int)((((long)inputLength * _up) + _down - 1) / _down));
    }

    /// <summary>
    /// Converts <paramref name="input"/> and writes the completed output samples to the start of
    /// <paramref name="output"/>; returns how many. Out-of-range results saturate to the 16-bit range.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="output"/> is shorter than <see cref="MaxOutputLength"/>.</exception>
    public int Process(ReadOnlySpan<short> input, Span<short> output)
    {
        if (output.Length < MaxOutputLength(input.Length))
        {
            throw new ArgumentException(
                $"Output holds {output.Length} samples; {MaxOutputLength(input.Length)} may be written.", nameof(output));
        }

        var written = 0;
        while (!input.IsEmpty)
        {
            var chunk = input[..Math.Min(input.Length, ResampleKernel.MaxChunk)];
            written += _kernel.ProcessChunk(chunk, output[written..]);
            input = input[chunk.Length..];
        }

        return written;
    }

    /// <summary>Forgets all history, as if newly constructed (start of a new stream).</summary>
    public void Reset() => _kernel.Reset();
}
