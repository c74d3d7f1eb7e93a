using Hark.Media.Recording;
using Hark.Media.Wav;
using Hark.Testing;

namespace Hark.Media.Tests.Recording;

public sealed class RecordingWriterTests
{
    [Theory]
    [InlineData(8000, 16000)]
    [InlineData(16000, 8000)]
    [InlineData(8000, 8000)]
    [InlineData(16000, 16000)]
    public void Complete_ToneBurst_StartsAtTheSameInstantInTheFile(int inputRate, int outputRate)
    {
        // 0.5 s of silence then a 400 Hz burst: the burst must start 0.5 s into the file.
        var input = new short[inputRate];
        for (var i = inputRate / 2; i < input.Length; i++)
        {
            input[i] = (short)(10000 * Math.Sin(2 * Math.PI * 400 * i / inputRate));
        }

        var samples = WriteInFrames(input, inputRate, outputRate, keep: input.Length);

        Assert.Equal(outputRate, samples.Length);
        var onset = Array.FindIndex(samples, s => Math.Abs((int)s) > 1000);
        Assert.InRange(onset, (outputRate / 2) - 2, (outputRate / 2) + (outputRate / 400 / 4) + 2);

        // The whole burst is there up to the last sample: the filter tail was pushed out.
        var expected = 10000 * Math.Sin(2 * Math.PI * 400 * (samples.Length - 10) / (double)outputRate);
        Assert.InRange(samples[^10], expected - 600, expected + 600);
    }

    [Theory]
    [InlineData(8000, 16000, 3999, 7998)]
    [InlineData(16000, 8000, 3999, 1999)]
    [InlineData(8000, 16000, 100_000, 16000)]
    [InlineData(8000, 8000, 0, 0)]
    public void Complete_Keep_FileHoldsTheMappedLength(int inputRate, int outputRate, long keep, long expected)
    {
        var samples = WriteInFrames(new short[inputRate], inputRate, outputRate, keep);

        Assert.Equal(expected, samples.Length);
    }

    [Fact]
    public void Append_AfterComplete_Throws()
    {
        using var writer = new RecordingWriter(new MemoryStream(), 8000, 16000);
        writer.Append(new short[160]);
        Assert.Equal(320, writer.Complete(160));

        Assert.Throws<InvalidOperationException>(() => writer.Append(new short[160]));
    }

    [Fact]
    public void Append_Frames_AllocatesNothing()
    {
        using var stream = new MemoryStream(1 << 20);
        using var writer = new RecordingWriter(stream, 8000, 16000, leaveOpen: true);
        var frame = new short[160];
        for (var i = 0; i < 60; i++)
        {
            writer.Append(frame);
        }

        var allocated = Allocations.Least(() =>
        {
            for (var i = 0; i < 250; i++)
            {
                writer.Append(frame);
            }
        });

        Assert.Equal(0, allocated);
    }

    private static short[] WriteInFrames(short[] input, int inputRate, int outputRate, long keep)
    {
        using var stream = new MemoryStream();
        using (var writer = new RecordingWriter(stream, inputRate, outputRate, leaveOpen: true))
        {
            var frame = inputRate / 50;
            for (var i = 0; i < input.Length; i += frame)
            {
                writer.Append(input.AsSpan(i, Math.Min(frame, input.Length - i)));
            }

            writer.Complete(keep);
        }

        var audio = WavReader.Read(stream.ToArray());
        Assert.Equal(outputRate, audio.SampleRate);
        return audio.Samples;
    }
}
