namespace Hark.Media.Vad;

/// <summary>Second-order IIR section (transposed direct form II) with Butterworth low/high-pass designs.</summary>
internal struct Biquad
{
    private readonly double _b0;
    private readonly double _b1;
    private readonly double _b2;
    private readonly double _a1;
    private readonly double _a2;
    private double _z1;
    private double _z2;

    private Biquad(double b0, double b1, double b2, double a0, double a1, double a2)
    {
        _b0 = b0 / a0;
        _b1 = b1 / a0;
        _b2 = b2 / a0;
        _a1 = a1 / a0;
        _a2 = a2 / a0;
    }

    public static Biquad LowPass(double cutoffHz, int sampleRate)
    {
        var (cos, alpha) = Prewarp(cutoffHz, sampleRate);
        return new Biquad((1 - cos) / 2, 1 - cos, (1 - cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    public static Biquad HighPass(double cutoffHz, int sampleRate)
    {
        var (cos, alpha) = Prewarp(cutoffHz, sampleRate);
        return new Biquad((1 + cos) / 2, -(1 + cos), (1 + cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    public double Step(double x)
    {
        var y = (_b0 * x) + _z1;
        _z1 = (_b1 * x) - (_a1 * y) + _z2;
        _z2 = (_b2 * x) - (_a2 * y);
        return y;
    }

    public void Clear()
    {
        _z1 = 0;
        _z2 = 0;
    }

    private static (double Cos, double Alpha) Prewarp(double cutoffHz, int sampleRate)
    {
        var w0 = 2 * Math.PI * cutoffHz / sampleRate;
        return (Math.Cos(w0), Math.Sin(w0) / (2 * Math.Sqrt(0.5)));
    }
}
