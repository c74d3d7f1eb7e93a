using Hark.Media.Tones;
using Hark.Testing;
using static Hark.Media.Tests.Resampling.SignalAnalysis;

namespace Hark.Media.Tests.Tones;

public sealed class ToneGeneratorTests
{
    private static short[] ReadAll(ToneGenerator tone, int frame)
    {
        var result = new List<short>();
        var buffer = new short[frame];
        int n;
        while ((n = tone.Read(buffer)) > 0)
        {
            result.AddRange(buffer.AsSpan(0, n));
        }

        return [.. result];
    }

    private static ToneGenerator Tone(int rate, double frequency, int milliseconds = 500, double dbfs = -12, int rampMs = 8) =>
        new(rate, frequency, TimeSpan.FromMilliseconds(milliseconds), dbfs, TimeSpan.FromMilliseconds(rampMs));

    [Theory]
    [InlineData(8000, 400, 3200)]
    [InlineData(16000, 333, 5328)]
    [InlineData(8000, 0, 0)]
    [InlineData(48000, 10, 480)]
    public void Read_InFrames_TotalLengthIsExact(int rate, int milliseconds, int expected)
    {
        var tone = Tone(rate, 1000, milliseconds);
        Assert.Equal(expected, tone.TotalSamples);
        Assert.Equal(expected, ReadAll(tone, 160).Length);
        Assert.True(tone.IsFinished);
        Assert.Equal(0, tone.Read(new short[160]));
    }

    [Fact]
    public void Read_LastFrame_ReturnsOnlyTheRemainder()
    {
        var tone = Tone(8000, 1000, 30);
        var buffer = new short[160];
        Assert.Equal(160, tone.Read(buffer));
        Assert.False(tone.IsFinished);
        Assert.Equal(80, tone.Read(buffer));
        Assert.True(tone.IsFinished);
    }

    [Theory]
    [InlineData(8000, 1000)]
    [InlineData(8000, 440)]
    [InlineData(8000, 3150)]
    [InlineData(16000, 1000)]
    [InlineData(48000, 1400)]
    public void Read_SteadyState_FrequencyMatches(int rate, double frequency)
    {
        var samples = ReadAll(Tone(rate, frequency), 160);
        var middle = samples.AsSpan(rate / 20, rate * 4 / 10);

        var measured = ZeroCrossingFrequency(middle, rate);
        Assert.True(Math.Abs(measured - frequency) < 0.5, $"measured {measured:F2} Hz for {frequency} Hz");
    }

    [Theory]
    [InlineData(8000, 1000, -12)]
    [InlineData(16000, 697, -6)]
    [InlineData(8000, 2500, -30)]
    public void Read_SteadyState_PureToneAtRequestedLevel(int rate, double frequency, double dbfs)
    {
        var samples = ReadAll(Tone(rate, frequency, dbfs: dbfs), 160);
        var middle = samples.AsSpan(rate / 20, rate * 4 / 10);

        var (amplitude, residual) = FitTone(middle, rate, frequency);
        var level = ToDb(amplitude / FullScale);
        var thdPlusNoise = ToDb(residual / (amplitude / Math.Sqrt(2)));
        Assert.True(Math.Abs(level - dbfs) < 0.05, $"level {level:F3} dBFS, asked {dbfs}");
        Assert.True(thdPlusNoise < -60, $"THD+N {thdPlusNoise:F1} dB");
    }

    [Theory]
    [InlineData(8000, 1000)]
    [InlineData(8000, 3150)]
    [InlineData(16000, 1000)]
    public void Read_WholeTone_FadesInAndOutWithoutClick(int rate, double frequency)
    {
        var samples = ReadAll(Tone(rate, frequency), 160);
        var amplitude = FullScale * FromDb(-12);
        var steadyStep = MaxStep(samples.AsSpan(rate / 20, rate * 4 / 10));

        // Silence on both sides: the steps into and out of the tone count too.
        short[] padded = [0, .. samples, 0];
        var worstStep = MaxStep(padded);
        Assert.True(Math.Abs((int)samples[0]) <= amplitude / 100, $"first sample {samples[0]}");
        Assert.True(Math.Abs((int)samples[^1]) <= amplitude / 100, $"last sample {samples[^1]}");

        // The Hann edge can add a hair over the steady step (about 0.1 %); a click would add far more.
        Assert.True(worstStep <= (steadyStep * 1.01) + 1, $"largest step {worstStep}, steady-state step {steadyStep}");
    }

    [Fact]
    public void Read_NoRamp_StopsWithAStepThatTheRampRemoves()
    {
        // Shows the click test has teeth: 1 kHz cut at an odd phase ends on a large sample.
        var hard = ReadAll(Tone(8000, 1000, 401, rampMs: 0), 160);
        var soft = ReadAll(Tone(8000, 1000, 401), 160);
        Assert.True(Math.Abs((int)hard[^1]) > FullScale * FromDb(-12) / 2, $"hard stop ends on {hard[^1]}");
        Assert.True(Math.Abs((int)soft[^1]) < 100, $"ramped stop ends on {soft[^1]}");
    }

    [Fact]
    public void Read_DifferentFrameSizes_SameSamples()
    {
        var whole = ReadAll(Tone(8000, 1234.5), 100_000);
        Assert.Equal(whole, ReadAll(Tone(8000, 1234.5), 160));
        Assert.Equal(whole, ReadAll(Tone(8000, 1234.5), 7));
    }

    [Fact]
    public void Reset_AfterFinishing_PlaysTheSameToneAgain()
    {
        var tone = ToneGenerator.CreateBeep(8000);
        var first = ReadAll(tone, 160);
        tone.Reset();
        Assert.False(tone.IsFinished);
        Assert.Equal(first, ReadAll(tone, 160));
    }

    [Theory]
    [InlineData(8000)]
    [InlineData(16000)]
    public void CreateBeep_Default_IsDocumentedToneAndLength(int rate)
    {
        var beep = ToneGenerator.CreateBeep(rate);
        var samples = ReadAll(beep, 160);

        Assert.Equal(rate * 4 / 10, samples.Length);
        var middle = samples.AsSpan(rate / 20, rate / 4);
        var (amplitude, _) = FitTone(middle, rate, 1000);
        Assert.Equal(1000, ZeroCrossingFrequency(middle, rate), 0.5);
        Assert.Equal(-12, ToDb(amplitude / FullScale), 0.05);
    }

    [Fact]
    public void Read_SteadyState_AllocatesNothing()
    {
        var tone = Tone(8000, 1000, 10_000);
        var buffer = new short[160];

        var allocated = Allocations.Least(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                tone.Read(buffer);
            }
        });

        Assert.Equal(0, allocated);
    }

    [Theory]
    [InlineData(0, 1000, 100, -12, 8)]
    [InlineData(8000, 0, 100, -12, 8)]
    [InlineData(8000, 4000, 100, -12, 8)]
    [InlineData(8000, 1000, -1, -12, 8)]
    [InlineData(8000, 1000, 100, 1, 8)]
    [InlineData(8000, 1000, 100, double.NaN, 8)]
    [InlineData(8000, 1000, 100, -12, -1)]
    public void Constructor_InvalidArguments_Throws(int rate, double frequency, int milliseconds, double dbfs, int rampMs) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Tone(rate, frequency, milliseconds, dbfs, rampMs));

    private static int MaxStep(ReadOnlySpan<short> samples)
    {
        var max = 0;
        for (var i = 1; i < samples.Length; i++)
        {
            max = Math.Max(max, Math.Abs(samples[i] - samples[i - 1]));
        }

        return max;
    }
}
