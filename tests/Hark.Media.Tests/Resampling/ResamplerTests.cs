using Hark.Media.Resampling;
using Hark.Testing;
using static Hark.Media.Tests.Resampling.SignalAnalysis;

namespace Hark.Media.Tests.Resampling;

public sealed class ResamplerTests
{
    private static readonly int[] Rates = [8000, 16000, 22050, 24000, 32000, 44100, 48000];

    public static TheoryData<int, int> AllPairs()
    {
        var data = new TheoryData<int, int>();
        foreach (var a in Rates)
        {
            foreach (var b in Rates)
            {
                if (a != b)
                {
                    data.Add(a, b);
                }
            }
        }

        return data;
    }

    // 16k→8k is left out: its half-band filter stops from 4.6 kHz, tested on its own below.
    public static TheoryData<int, int> DownPairsStoppingAtNyquist()
    {
        var data = new TheoryData<int, int>();
        foreach (var a in Rates)
        {
            foreach (var b in Rates)
            {
                if (a > b && (a, b) != (16000, 8000))
                {
                    data.Add(a, b);
                }
            }
        }

        return data;
    }

    // 1 kHz is a whole number of samples per period at 8 kHz and comes back bit-exact (infinite SNR);
    // 997 Hz visits every phase and gives a finite figure.
    [Theory]
    [InlineData(1000)]
    [InlineData(997)]
    [InlineData(3000)]
    public void Process_ToneThrough8kTo16kTo8k_SnrAtLeast40Db(int frequency)
    {
        var input = Sine(8000, frequency, FullScale * FromDb(-6), 8000);
        var up = new Resampler(8000, 16000);
        var down = new Resampler(16000, 8000);
        var wide = Stream(up, input, 160);
        var back = Stream(down, wide, 320);

        Assert.True(up.DelaySamples % 2 == 0, $"8k->16k delay {up.DelaySamples} is not a whole 8 kHz sample");
        var delay = (up.DelaySamples / 2) + down.DelaySamples;
        var edge = 2 * delay;
        double signal = 0, noise = 0;
        for (var n = edge; n < input.Length - delay - edge; n++)
        {
            double e = back[n + delay] - input[n];
            signal += (double)input[n] * input[n];
            noise += e * e;
        }

        var snr = 10 * Math.Log10(signal / noise);
        Assert.True(snr >= 40, $"{frequency} Hz round-trip SNR {snr:F1} dB (delay {delay} samples)");
    }

    [Fact]
    public void Process_6kHzAt16kTo8k_AttenuatedAtLeast40Db()
    {
        var input = Sine(16000, 6000, FullScale * FromDb(-6), 16000);
        var resampler = new Resampler(16000, 8000);
        var output = Stream(resampler, input, 320);

        var skip = 4 * resampler.DelaySamples;
        var attenuation = ToDb(Rms(input) / Rms(output.AsSpan(skip)));
        Assert.True(attenuation >= 40, $"6 kHz attenuated by {attenuation:F1} dB");
    }

    [Theory]
    [InlineData(300)]
    [InlineData(600)]
    [InlineData(1000)]
    [InlineData(2000)]
    [InlineData(3000)]
    [InlineData(3400)]
    public void Process_TelephoneBandTone8kTo16k_GainWithinHalfDb(int frequency)
    {
        var amplitude = FullScale * FromDb(-6);
        var input = Sine(8000, frequency, amplitude, 8000);
        var resampler = new Resampler(8000, 16000);
        var output = Stream(resampler, input, 160);

        var (measured, _) = FitTone(output.AsSpan(4 * resampler.DelaySamples), 16000, frequency);
        var gain = ToDb(measured / amplitude);
        Assert.True(Math.Abs(gain) <= 0.5, $"{frequency} Hz gain {gain:F3} dB");
    }

    [Theory]
    [InlineData(44100, 16000, 9000)]
    [InlineData(44100, 16000, 12000)]
    [InlineData(48000, 8000, 5000)]
    [InlineData(48000, 8000, 15000)]
    public void Process_ToneAboveNewNyquist_AttenuatedAtLeast40Db(int inputRate, int outputRate, int frequency)
    {
        var input = Sine(inputRate, frequency, FullScale * FromDb(-6), inputRate);
        var resampler = new Resampler(inputRate, outputRate);
        var output = Stream(resampler, input, inputRate / 50);

        var attenuation = ToDb(Rms(input) / Rms(output.AsSpan(4 * resampler.DelaySamples)));
        Assert.True(attenuation >= 40, $"{frequency} Hz at {inputRate}->{outputRate} attenuated by {attenuation:F1} dB");
    }

    // Just past the stop-band edge (5 % above the new Nyquist) the design promises far more than 40 dB.
    [Theory]
    [MemberData(nameof(DownPairsStoppingAtNyquist))]
    public void Process_ToneJustAboveNewNyquist_AttenuatedAtLeast70Db(int inputRate, int outputRate)
    {
        var input = Sine(inputRate, 1.05 * outputRate / 2, FullScale * FromDb(-6), inputRate / 2);
        var resampler = new Resampler(inputRate, outputRate);
        var output = Stream(resampler, input, inputRate / 50);

        var attenuation = ToDb(Rms(input) / Rms(output.AsSpan(4 * resampler.DelaySamples)));
        Assert.True(attenuation >= 70, $"{inputRate}->{outputRate} attenuated by {attenuation:F1} dB");
    }

    // The telephone pair's half-band filter stops from 4.6 kHz (its transition is mirrored about 4 kHz).
    [Theory]
    [InlineData(4600)]
    [InlineData(4800)]
    [InlineData(5500)]
    [InlineData(7000)]
    [InlineData(7900)]
    public void Process_ToneInHalfbandStopBand16kTo8k_AttenuatedAtLeast70Db(int frequency)
    {
        var input = Sine(16000, frequency, FullScale * FromDb(-6), 8000);
        var resampler = new Resampler(16000, 8000);
        var output = Stream(resampler, input, 320);

        var attenuation = ToDb(Rms(input) / Rms(output.AsSpan(4 * resampler.DelaySamples)));
        Assert.True(attenuation >= 70, $"{frequency} Hz attenuated by {attenuation:F1} dB");
    }

    // In the 4-4.6 kHz transition the fold-back is only partly removed; the design still gives these.
    [Theory]
    [InlineData(4400, 30)]
    [InlineData(4500, 40)]
    public void Process_ToneInHalfbandTransition16kTo8k_PartlyAttenuated(int frequency, double minimumDb)
    {
        var input = Sine(16000, frequency, FullScale * FromDb(-6), 8000);
        var resampler = new Resampler(16000, 8000);
        var output = Stream(resampler, input, 320);

        var attenuation = ToDb(Rms(input) / Rms(output.AsSpan(4 * resampler.DelaySamples)));
        Assert.True(attenuation >= minimumDb, $"{frequency} Hz attenuated by {attenuation:F1} dB");
    }

    // The image of a tone at f sits at 8000 - f. One second of output holds whole periods of both, so
    // the two fits do not leak into each other.
    [Theory]
    [InlineData(1000)]
    [InlineData(3000)]
    [InlineData(3200)]
    [InlineData(3400)]
    public void Process_TelephoneBandTone8kTo16k_ImageAtLeast70DbDown(int frequency)
    {
        var input = Sine(8000, frequency, FullScale * FromDb(-6), 12000);
        var resampler = new Resampler(8000, 16000);
        var output = Stream(resampler, input, 160).AsSpan(4000, 16000);

        var (tone, _) = FitTone(output, 16000, frequency);
        var (image, _) = FitTone(output, 16000, 8000 - frequency);
        var rejection = ToDb(tone / image);
        Assert.True(rejection >= 70, $"{frequency} Hz: image at {8000 - frequency} Hz is {rejection:F1} dB down");
    }

    // A pass-band tone (80 % of the lower Nyquist) keeps its level and gains no images or aliases.
    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Process_PassbandTone_UnityGainAndClean(int inputRate, int outputRate)
    {
        var frequency = 0.8 * Math.Min(inputRate, outputRate) / 2;
        var amplitude = FullScale * FromDb(-6);
        var input = Sine(inputRate, frequency, amplitude, inputRate / 2);
        var resampler = new Resampler(inputRate, outputRate);
        var output = Stream(resampler, input, inputRate / 50);

        var (measured, residual) = FitTone(output.AsSpan(4 * resampler.DelaySamples), outputRate, frequency);
        var gain = ToDb(measured / amplitude);
        var spurious = ToDb(residual / (amplitude / Math.Sqrt(2)));
        Assert.True(Math.Abs(gain) <= 0.05, $"{inputRate}->{outputRate} gain {gain:F4} dB");
        Assert.True(spurious <= -70, $"{inputRate}->{outputRate} residual {spurious:F1} dB below the tone");
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Process_SplitIntoFrames_SameAsOneCall(int inputRate, int outputRate)
    {
        var random = new Random(inputRate + outputRate);
        var input = new short[(inputRate / 4) + 3];
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = (short)random.Next(-20000, 20000);
        }

        var whole = Stream(new Resampler(inputRate, outputRate), input, input.Length);
        var framed = Stream(new Resampler(inputRate, outputRate), input, 1, 7, inputRate / 50, 3, 1500, 160, 2);

        Assert.Equal(whole.Length, framed.Length);
        Assert.Equal(whole, framed);
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Process_Impulse_PeakAtDelaySamples(int inputRate, int outputRate)
    {
        var input = new short[inputRate / 10];
        input[0] = 30000;
        var resampler = new Resampler(inputRate, outputRate);
        var output = Stream(resampler, input, input.Length);

        var peak = 0;
        for (var i = 1; i < output.Length; i++)
        {
            peak = Math.Abs((int)output[i]) > Math.Abs((int)output[peak]) ? i : peak;
        }

        Assert.Equal(resampler.DelaySamples, peak);
    }

    [Theory]
    [InlineData(8000, 16000, 12345)]
    [InlineData(16000, 8000, -20000)]
    [InlineData(44100, 16000, 32767)]
    [InlineData(8000, 44100, -32768)]
    [InlineData(16000, 48000, 1)]
    public void Process_ConstantInput_DcGainIsOne(int inputRate, int outputRate, short level)
    {
        var input = new short[inputRate / 5];
        Array.Fill(input, level);
        var resampler = new Resampler(inputRate, outputRate);
        var output = Stream(resampler, input, inputRate / 50);

        // Past twice the delay the filter has left the initial zeros (the half-band decimator's reach back
        // is half a sample longer than its delay, so allow more).
        var settled = output.AsSpan((2 * resampler.DelaySamples) + 2);
        Assert.True(settled.Length > outputRate / 10);
        foreach (var sample in settled)
        {
            Assert.Equal(level, sample);
        }
    }

    [Theory]
    [InlineData(8000, 16000, 160)]
    [InlineData(16000, 8000, 320)]
    [InlineData(44100, 8000, 882)]
    [InlineData(8000, 44100, 160)]
    [InlineData(22050, 48000, 441)]
    [InlineData(48000, 22050, 7)]
    [InlineData(16000, 24000, 333)]
    public void Process_LongStream_OutputLengthMatchesRatio(int inputRate, int outputRate, int frame)
    {
        var resampler = new Resampler(inputRate, outputRate);
        var input = new short[frame];
        var output = new short[resampler.MaxOutputLength(frame)];
        long fed = 0, produced = 0;
        for (var i = 0; i < (10 * inputRate) / frame; i++)
        {
            produced += resampler.Process(input, output);
            fed += frame;
        }

        var expected = ((fed * outputRate) + inputRate - 1) / inputRate;
        Assert.Equal(expected, produced);
    }

    [Fact]
    public void Process_FullScaleSquareWave_SaturatesWithoutWrapping()
    {
        var input = new short[8000];
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = (i / 16) % 2 == 0 ? short.MaxValue : short.MinValue;
        }

        var resampler = new Resampler(8000, 16000);
        var output = Stream(resampler, input, 160);

        // Gibbs overshoot must hit the rails, and a plateau must never flip sign through overflow.
        Assert.Contains(short.MaxValue, output);
        Assert.Contains(short.MinValue, output);
        for (var n = 4; n < input.Length - 4 - (resampler.DelaySamples / 2); n++)
        {
            var plateau = input[n - 4] == input[n] && input[n + 4] == input[n];
            var sample = output[(2 * n) + resampler.DelaySamples];
            Assert.True(!plateau || Math.Sign(sample) == Math.Sign(input[n]), $"sample {n}: input {input[n]}, output {sample}");
        }
    }

    [Fact]
    public void Reset_AfterUse_SameOutputAsNewInstance()
    {
        var input = Sine(16000, 440, 10000, 3200);
        var resampler = new Resampler(16000, 8000);
        Stream(resampler, Sine(16000, 3000, 20000, 1233), 320);

        resampler.Reset();
        Assert.Equal(Stream(new Resampler(16000, 8000), input, 320), Stream(resampler, input, 320));
    }

    [Theory]
    [InlineData(8000, 16000, 160)]
    [InlineData(16000, 8000, 320)]
    [InlineData(44100, 16000, 882)]
    public void Process_SteadyState_AllocatesNothing(int inputRate, int outputRate, int frame)
    {
        var resampler = new Resampler(inputRate, outputRate);
        var input = Sine(inputRate, 1000, 8000, frame);
        var output = new short[resampler.MaxOutputLength(frame)];

        var allocated = Allocations.Least(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                resampler.Process(input, output);
            }
        });

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Process_OutputTooShort_Throws()
    {
        var resampler = new Resampler(8000, 16000);
        Assert.Throws<ArgumentException>(() => resampler.Process(new short[160], new short[319]));
    }

    [Theory]
    [InlineData(0, 8000)]
    [InlineData(8000, -1)]
    [InlineData(8000, 1_000_000)]
    [InlineData(44100, 44099)]
    public void Constructor_UnsupportedRates_Throws(int inputRate, int outputRate) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Resampler(inputRate, outputRate));

    [Fact]
    public void Properties_8kTo16k_ReportRatesAndLength()
    {
        var resampler = new Resampler(8000, 16000);
        Assert.Equal(8000, resampler.InputRate);
        Assert.Equal(16000, resampler.OutputRate);
        Assert.Equal(320, resampler.MaxOutputLength(160));
        Assert.Equal(147, new Resampler(48000, 44100).MaxOutputLength(160));
    }

    [Fact]
    public void Process_EqualRates_PassesThroughWithoutDelay()
    {
        var input = Sine(16000, 1000, 12000, 320);
        var resampler = new Resampler(16000, 16000);
        Assert.Equal(0, resampler.DelaySamples);
        Assert.Equal(input, Stream(resampler, input, 100));
    }
}
