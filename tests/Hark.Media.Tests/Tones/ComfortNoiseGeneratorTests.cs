using Hark.Media.Tones;
using Hark.Testing;
using static Hark.Media.Tests.Resampling.SignalAnalysis;

namespace Hark.Media.Tests.Tones;

public sealed class ComfortNoiseGeneratorTests
{
    [Theory]
    [InlineData(-70)]
    [InlineData(-60)]
    [InlineData(-40)]
    [InlineData(-20)]
    public void Fill_OneSecond_LevelWithinOneDb(double dbfs)
    {
        var noise = new ComfortNoiseGenerator(dbfs, 42);
        var samples = new short[8000];
        noise.Fill(samples);

        // dBFS against a full-scale sine's RMS, the reference the generator documents.
        var level = ToDb(Rms(samples) / (FullScale / Math.Sqrt(2)));
        Assert.True(Math.Abs(level - dbfs) <= 1, $"measured {level:F2} dBFS, asked {dbfs}");
    }

    [Fact]
    public void Constructor_Default_Minus70Dbfs()
    {
        var noise = new ComfortNoiseGenerator();
        var samples = new short[16000];
        noise.Fill(samples);

        Assert.Equal(ComfortNoiseGenerator.DefaultLevelDbfs, noise.LevelDbfs);
        var level = ToDb(Rms(samples) / (FullScale / Math.Sqrt(2)));
        Assert.True(Math.Abs(level + 70) <= 1, $"measured {level:F2} dBFS");
    }

    [Fact]
    public void Fill_SameSeed_SameSamplesWhateverTheFrameSize()
    {
        var whole = new short[1000];
        new ComfortNoiseGenerator(-50, 7).Fill(whole);

        var framed = new short[1000];
        var noise = new ComfortNoiseGenerator(-50, 7);
        for (var i = 0; i < framed.Length; i += 160)
        {
            noise.Fill(framed.AsSpan(i, Math.Min(160, framed.Length - i)));
        }

        Assert.Equal(whole, framed);
    }

    [Fact]
    public void Fill_PastThePeriod_RepeatsTheSequence()
    {
        var noise = new ComfortNoiseGenerator(-50, 11);
        var first = new short[ComfortNoiseGenerator.Period + 500];
        noise.Fill(first);

        Assert.Equal(first.AsSpan(0, 500).ToArray(), first.AsSpan(ComfortNoiseGenerator.Period, 500).ToArray());
        Assert.NotEqual(first.AsSpan(0, 500).ToArray(), first.AsSpan(500, 500).ToArray());
    }

    [Fact]
    public void Fill_DifferentSeed_DifferentSamples()
    {
        var a = new short[160];
        var b = new short[160];
        new ComfortNoiseGenerator(-50, 1).Fill(a);
        new ComfortNoiseGenerator(-50, 2).Fill(b);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Reset_AfterUse_RepeatsTheSequence()
    {
        var noise = new ComfortNoiseGenerator(-50, 3);
        var first = new short[320];
        noise.Fill(first);
        noise.Reset();
        var again = new short[320];
        noise.Fill(again);
        Assert.Equal(first, again);
    }

    [Fact]
    public void Fill_OneSecond_ZeroMeanAndUncorrelated()
    {
        var samples = new short[8000];
        new ComfortNoiseGenerator(-30, 5).Fill(samples);

        double mean = 0, power = 0, lag1 = 0;
        for (var i = 0; i < samples.Length; i++)
        {
            mean += samples[i];
            power += (double)samples[i] * samples[i];
            lag1 += i > 0 ? (double)samples[i] * samples[i - 1] : 0;
        }

        var rms = Math.Sqrt(power / samples.Length);
        Assert.True(Math.Abs(mean / samples.Length) < rms / 20, $"mean {mean / samples.Length:F2} vs RMS {rms:F1}");
        Assert.True(Math.Abs(lag1 / power) < 0.05, $"lag-1 correlation {lag1 / power:F3}");
    }

    [Fact]
    public void Fill_SteadyState_AllocatesNothing()
    {
        var noise = new ComfortNoiseGenerator();
        var buffer = new short[160];

        var allocated = Allocations.Least(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                noise.Fill(buffer);
            }
        });

        Assert.Equal(0, allocated);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(double.NaN)]
    public void Constructor_LevelAboveFullScale_Throws(double dbfs) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ComfortNoiseGenerator(dbfs, 1));
}
