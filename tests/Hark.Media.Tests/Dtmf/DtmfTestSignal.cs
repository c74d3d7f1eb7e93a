using Hark.Media.Dtmf;

namespace Hark.Media.Tests.Dtmf;

/// <summary>
/// Builds test audio: DTMF tones (own frequency table, exact sines with random start phases),
/// silence and white noise, all deterministic. Levels are in dBm0 per tone, 0 dBm0 being a sine
/// of peak 22706 (3.17 dB below a full-scale PCM16 sine, as G.711 defines it).
/// </summary>
internal sealed class DtmfTestSignal
{
    public const double ZeroDbm0Peak = 22706;

    private static readonly double[] Rows = [697, 770, 852, 941];
    private static readonly double[] Columns = [1209, 1336, 1477, 1633];
    private const string Layout = "123A456B789C*0#D";

    private readonly List<double> _samples = [];
    private readonly Random _random;

    public DtmfTestSignal(int sampleRate, int seed = 1)
    {
        SampleRate = sampleRate;
        _random = new Random(seed);
    }

    public int SampleRate { get; }

    public int Length => _samples.Count;

    public static double Peak(double dbm0) => ZeroDbm0Peak * Math.Pow(10, dbm0 / 20);

    public static (double Low, double High) Frequencies(DtmfKey key)
    {
        var i = Layout.IndexOf(key.ToChar(), StringComparison.Ordinal);
        return (Rows[i / 4], Columns[i % 4]);
    }

    public static DtmfKey KeyOf(char c) =>
        DtmfKeyExtensions.TryParse(c, out var key) ? key : throw new ArgumentException("not a key: " + c, nameof(c));

    public int Samples(double ms) => (int)Math.Round(ms * SampleRate / 1000);

    public DtmfTestSignal Silence(double ms) => SilenceSamples(Samples(ms));

    public DtmfTestSignal SilenceSamples(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _samples.Add(0);
        }

        return this;
    }

    /// <summary>Appends a tone pair and returns its first sample index.</summary>
    public int Tone(
        DtmfKey key,
        double ms,
        double lowDbm0 = -10,
        double highDbm0 = -10,
        double lowScale = 1,
        double highScale = 1) => ToneSamples(key, Samples(ms), lowDbm0, highDbm0, lowScale, highScale);

    public int ToneSamples(DtmfKey key, int count, double lowDbm0 = -10, double highDbm0 = -10, double lowScale = 1, double highScale = 1)
    {
        var (fl, fh) = Frequencies(key);
        var wl = 2 * Math.PI * fl * lowScale / SampleRate;
        var wh = 2 * Math.PI * fh * highScale / SampleRate;
        var al = Peak(lowDbm0);
        var ah = Peak(highDbm0);
        var pl = _random.NextDouble() * 2 * Math.PI;
        var ph = _random.NextDouble() * 2 * Math.PI;
        var onset = _samples.Count;
        for (var n = 0; n < count; n++)
        {
            _samples.Add((al * Math.Sin((wl * n) + pl)) + (ah * Math.Sin((wh * n) + ph)));
        }

        return onset;
    }

    /// <summary>Adds a tone pair on top of what is already at <paramref name="at"/> (e.g. speech).</summary>
    public void MixTone(DtmfKey key, int at, double ms, double dbm0)
    {
        var (fl, fh) = Frequencies(key);
        var a = Peak(dbm0);
        for (var n = 0; n < Samples(ms); n++)
        {
            _samples[at + n] += a * (Math.Sin(2 * Math.PI * fl * n / SampleRate) + Math.Sin(2 * Math.PI * fh * n / SampleRate));
        }
    }

    public DtmfTestSignal Append(ReadOnlySpan<short> pcm)
    {
        foreach (var s in pcm)
        {
            _samples.Add(s);
        }

        return this;
    }

    /// <summary>Adds Gaussian white noise of the given RMS over the whole signal.</summary>
    public DtmfTestSignal AddNoise(double rms)
    {
        for (var i = 0; i < _samples.Count; i++)
        {
            // Box-Muller from the seeded generator keeps every run identical.
            var u1 = 1 - _random.NextDouble();
            var u2 = _random.NextDouble();
            _samples[i] += rms * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }

        return this;
    }

    public short[] ToPcm()
    {
        var pcm = new short[_samples.Count];
        for (var i = 0; i < pcm.Length; i++)
        {
            pcm[i] = (short)Math.Clamp(Math.Round(_samples[i]), short.MinValue, short.MaxValue);
        }

        return pcm;
    }
}
