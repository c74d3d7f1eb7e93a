namespace Hark.Calls.Tests.Media;

/// <summary>Builds what a test caller says: a low noise bed with voiced speech bursts and DTMF tones placed in seconds.</summary>
internal sealed class CallerAudio
{
    private readonly double[] _signal;

    public CallerAudio(int sampleRate, double seconds, double noiseDbfs = -60, int seed = 7)
    {
        SampleRate = sampleRate;
        _signal = new double[(int)Math.Round(seconds * sampleRate)];
        var rng = new Random(seed);
        var sigma = 32768 * Math.Pow(10, noiseDbfs / 20);
        for (var i = 0; i < _signal.Length; i++)
        {
            // Box-Muller: two uniforms to one normal sample.
            var u1 = 1.0 - rng.NextDouble();
            _signal[i] = sigma * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * rng.NextDouble());
        }
    }

    public int SampleRate { get; }

    /// <summary>Voiced speech stand-in: harmonics of 140 Hz to 3.4 kHz falling 6 dB/octave, syllable envelope, 5 ms fades.</summary>
    public CallerAudio Speech(double from, double to, double levelDbfs = -20)
    {
        var start = (int)Math.Round(from * SampleRate);
        var count = (int)Math.Round((to - from) * SampleRate);
        var gain = 32768 * Math.Pow(10, levelDbfs / 20) / 1.1; // the harmonic sum's RMS is about 1.1
        var fade = SampleRate / 200;
        for (var i = 0; i < count && start + i < _signal.Length; i++)
        {
            double v = 0;
            for (var k = 1; k * 140 < 3400; k++)
            {
                v += Math.Sin(2 * Math.PI * k * 140 * i / SampleRate) / k;
            }

            var edge = Math.Min(i, count - 1 - i);
            var shape = edge < fade ? 0.5 - (0.5 * Math.Cos(Math.PI * edge / fade)) : 1.0;
            var syllable = 0.3 + (0.7 * Math.Abs(Math.Sin(Math.PI * 3 * i / SampleRate)));
            _signal[start + i] += gain * v * shape * syllable;
        }

        return this;
    }

    /// <summary>A DTMF tone: two sines at -10 dBFS each with 2 ms fades.</summary>
    public CallerAudio Dtmf(double lowHz, double highHz, double from, double duration = 0.15)
    {
        var start = (int)Math.Round(from * SampleRate);
        var count = (int)Math.Round(duration * SampleRate);
        var amplitude = 32767 * Math.Pow(10, -10.0 / 20);
        var fade = SampleRate / 500;
        for (var i = 0; i < count && start + i < _signal.Length; i++)
        {
            var edge = Math.Min(i, count - 1 - i);
            var shape = edge < fade ? (double)edge / fade : 1.0;
            _signal[start + i] += amplitude * shape
                * (Math.Sin(2 * Math.PI * lowHz * i / SampleRate) + Math.Sin(2 * Math.PI * highHz * i / SampleRate));
        }

        return this;
    }

    public short[] ToPcm16()
    {
        var result = new short[_signal.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (short)Math.Clamp(Math.Round(_signal[i]), short.MinValue, short.MaxValue);
        }

        return result;
    }

    /// <summary>A sine of the given length and peak, for prompts.</summary>
    public static short[] Sine(int sampleRate, double hz, double seconds, double peak = 8000)
    {
        var result = new short[(int)Math.Round(seconds * sampleRate)];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (short)Math.Round(peak * Math.Sin(2 * Math.PI * hz * i / sampleRate));
        }

        return result;
    }

    /// <summary>Amplitude of the <paramref name="hz"/> component in the window (Goertzel), in sample units.</summary>
    public static double Amplitude(ReadOnlySpan<short> window, int sampleRate, double hz)
    {
        var coeff = 2 * Math.Cos(2 * Math.PI * hz / sampleRate);
        double s1 = 0, s2 = 0;
        foreach (var x in window)
        {
            var s0 = x + (coeff * s1) - s2;
            s2 = s1;
            s1 = s0;
        }

        var power = (s1 * s1) + (s2 * s2) - (coeff * s1 * s2);
        return 2 * Math.Sqrt(Math.Max(power, 0)) / window.Length;
    }

    public static double Rms(ReadOnlySpan<short> window)
    {
        double sum = 0;
        foreach (var x in window)
        {
            sum += (double)x * x;
        }

        return window.IsEmpty ? 0 : Math.Sqrt(sum / window.Length);
    }
}
