using Hark.Media.Dtmf;

namespace Hark.Media.Tests.Dtmf;

public sealed class DtmfFilterBankTests
{
    private static readonly double[] Grid = [697, 770, 852, 941, 1209, 1336, 1477, 1633];

    [Theory]
    [InlineData(8000, 80)]
    [InlineData(16000, 160)]
    public void Analyse_RandomBlock_MatchesDirectDft(int sampleRate, int n)
    {
        var random = new Random(7);
        var block = new short[n];
        for (var i = 0; i < n; i++)
        {
            block[i] = (short)random.Next(-20000, 20000);
        }

        var spectrum = new DtmfBlockSpectrum();
        new DtmfFilterBank(sampleRate, n).Analyse(block, spectrum);

        double total = 0;
        foreach (var x in block)
        {
            total += (double)x * x;
        }

        Assert.Equal(total, spectrum.TotalEnergy, total * 1e-6);
        for (var k = 0; k < Grid.Length; k++)
        {
            var (re, im) = Dft(block, Grid[k] / sampleRate, 0, n);
            var (hRe, hIm) = Dft(block, Grid[k] / sampleRate, 0, n / 2);
            var scale = Math.Sqrt(total * n);
            Assert.Equal(re, spectrum.Re[k], scale * 1e-5);
            Assert.Equal(im, spectrum.Im[k], scale * 1e-5);
            Assert.Equal(hRe, spectrum.HalfRe[k], scale * 1e-5);
            Assert.Equal(hIm, spectrum.HalfIm[k], scale * 1e-5);
            Assert.Equal((re * re) + (im * im), spectrum.Energy[k], total * n * 1e-5);
        }
    }

    [Fact]
    public void HarmonicEnergy_ToneAtTwiceFrequency_MatchesDirectDft()
    {
        const int n = 80;
        var block = new short[n];
        for (var i = 0; i < n; i++)
        {
            block[i] = (short)(10000 * Math.Sin((2 * Math.PI * 2 * 1336 * i / 8000.0) + 0.3));
        }

        var (re, im) = Dft(block, 2 * 1336 / 8000.0, 0, n);
        var energy = new DtmfFilterBank(8000, n).HarmonicEnergy(block, 5);
        Assert.Equal((re * re) + (im * im), energy, ((re * re) + (im * im)) * 1e-4);
    }

    private static (double Re, double Im) Dft(short[] x, double cyclesPerSample, int from, int to)
    {
        double re = 0, im = 0;
        for (var m = from; m < to; m++)
        {
            var phase = -2 * Math.PI * cyclesPerSample * m;
            re += x[m] * Math.Cos(phase);
            im += x[m] * Math.Sin(phase);
        }

        return (re, im);
    }
}
