using Hark.Testing;
using System.Buffers.Binary;
using System.Globalization;
using System.Text.RegularExpressions;
using Hark.Media.Wav;

namespace Hark.Media.Tests.Wav;

public sealed partial class WavWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hark-wavwriter-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(8000)]
    [InlineData(16000)]
    public void Dispose_AfterFrames_FileReadsBackInReaderAndSox(int rate)
    {
        var path = Path.Combine(_dir, "rec.wav");
        var samples = Tone(rate, seconds: 1.5);
        using (var writer = new WavWriter(path, rate))
        {
            WriteInFrames(writer, samples);
            Assert.Equal(samples.Length, writer.SamplesWritten);
            Assert.Equal(TimeSpan.FromSeconds(1.5), writer.Duration);
        }

        var audio = WavReader.Read(File.ReadAllBytes(path));
        Assert.Equal(rate, audio.SampleRate);
        Assert.Equal(samples, audio.Samples);
        Assert.Equal(1.5, SoxDuration(path));
        Assert.Equal(samples.Length, SoxSamplesRead(path));
        Assert.Equal(rate.ToString(CultureInfo.InvariantCulture), WavTestData.Sox("sox", "--i", "-r", path).Trim());
    }

    [Theory]
    [InlineData(8000)]
    [InlineData(16000)]
    public void CopyWhileOpen_AfterFlush_SoxSeesFlushedDuration(int rate)
    {
        // A copy taken while the writer is still open is what a crash leaves on disk.
        var path = Path.Combine(_dir, "live.wav");
        var samples = Tone(rate, seconds: 3);
        using var writer = new WavWriter(path, rate);

        var empty = CopyOf(path, "empty.wav");
        Assert.Equal(0.0, SoxDuration(empty));
        Assert.Empty(WavReader.Read(File.ReadAllBytes(empty)).Samples);

        WriteInFrames(writer, samples.AsSpan(0, rate * 7 / 10));
        writer.Flush();
        WriteInFrames(writer, samples.AsSpan(rate * 7 / 10, rate * 3 / 10)); // still buffered
        var afterFlush = CopyOf(path, "after-flush.wav");
        Assert.Equal(0.7, SoxDuration(afterFlush));
        Assert.Equal(rate * 7 / 10, SoxSamplesRead(afterFlush));
        Assert.Equal(samples[..(rate * 7 / 10)], WavReader.Read(File.ReadAllBytes(afterFlush)).Samples);

        // No Flush: filling the one-second buffer writes it and patches the header by itself.
        WriteInFrames(writer, samples.AsSpan(rate, rate * 12 / 10));
        var afterFill = CopyOf(path, "after-fill.wav");
        Assert.Equal(1.7, SoxDuration(afterFill));
        Assert.Equal(samples[..(rate * 17 / 10)], WavReader.Read(File.ReadAllBytes(afterFill)).Samples);
    }

    [Fact]
    public void Write_EveryStreamWrite_LeavesHeaderWithinDataOnDisk()
    {
        const int rate = 8000;
        var samples = Tone(rate, seconds: 3.3);
        var stream = new RecordingStream();
        using (var writer = new WavWriter(stream, rate, leaveOpen: true))
        {
            WriteInFrames(writer, samples);
        }

        // Header at creation, then data + header per second of audio: not one write per frame.
        Assert.Equal(1 + (2 * 4), stream.Snapshots.Count);
        foreach (var snapshot in stream.Snapshots)
        {
            var riffSize = BinaryPrimitives.ReadUInt32LittleEndian(snapshot.AsSpan(4));
            var dataSize = BinaryPrimitives.ReadUInt32LittleEndian(snapshot.AsSpan(40));
            Assert.Equal(dataSize + 36, riffSize);
            Assert.True(44 + dataSize <= snapshot.Length, $"header claims {dataSize} data bytes, file is {snapshot.Length}");
            var read = WavReader.Read(snapshot).Samples;
            Assert.Equal(samples[..read.Length], read);
        }

        Assert.Equal(samples, WavReader.Read(stream.Snapshots[^1]).Samples);
        Assert.Equal(44 + (2 * samples.Length), stream.Snapshots[^1].Length);
    }

    [Fact]
    public void Write_Frames_AllocatesNothing()
    {
        using var stream = new MemoryStream(4 * 16000 * 2 * 10);
        using var writer = new WavWriter(stream, 16000);
        var frame = Tone(16000, seconds: 0.02);
        for (var i = 0; i < 100; i++)
        {
            writer.Write(frame); // warm up, including one buffer write
        }

        var allocated = Allocations.Least(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                writer.Write(frame);
            }

            writer.Flush();
        });

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Write_SpanLongerThanBuffer_AllSamplesKept()
    {
        using var stream = new MemoryStream();
        var samples = Tone(8000, seconds: 2.5);
        using (var writer = new WavWriter(stream, 8000, leaveOpen: true))
        {
            writer.Write(samples);
        }

        Assert.Equal(samples, WavReader.Read(stream.ToArray()).Samples);
    }

    [Fact]
    public void Constructor_StreamWithOldContent_TruncatedToHeader()
    {
        using var stream = new MemoryStream();
        stream.Write(new byte[500]);
        stream.Position = 0;
        using (new WavWriter(stream, 8000, leaveOpen: true))
        {
        }

        Assert.Equal(44, stream.Length);
        Assert.Empty(WavReader.Read(stream.ToArray()).Samples);
    }

    [Fact]
    public void Write_AfterDispose_Throws()
    {
        var writer = new WavWriter(new MemoryStream(), 16000);
        writer.Dispose();
        writer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => writer.Write(new short[160]));
        Assert.Throws<ObjectDisposedException>(writer.Flush);
    }

    [Fact]
    public void Constructor_BadArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WavWriter(new MemoryStream(), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WavWriter(Path.Combine(_dir, "x.wav"), -8000));
        Assert.False(File.Exists(Path.Combine(_dir, "x.wav")));
        using var readOnly = new MemoryStream(new byte[10], writable: false);
        Assert.Throws<ArgumentException>(() => new WavWriter(readOnly, 8000));
    }

    [Theory]
    [InlineData(1.5, 0.25)]  // cut inside the flushed part
    [InlineData(1.5, 1.2)]   // cut inside the buffer
    [InlineData(2.0, 1.0)]   // cut exactly at a buffer boundary
    [InlineData(0.5, 0.0)]   // everything dropped
    public void Truncate_FewerSamples_FileHoldsExactlyThePrefix(double writtenSeconds, double keptSeconds)
    {
        using var stream = new MemoryStream();
        stream.Write(new byte[7]); // a non-zero origin
        var samples = Tone(8000, writtenSeconds);
        var keep = (int)Math.Round(keptSeconds * 8000);
        using var writer = new WavWriter(stream, 8000, leaveOpen: true);
        WriteInFrames(writer, samples);

        writer.Truncate(keep);

        Assert.Equal(keep, writer.SamplesWritten);
        Assert.Equal(7 + 44 + (2 * keep), stream.Length);
        var audio = WavReader.Read(stream.ToArray().AsSpan(7));
        Assert.Equal(samples.AsSpan(0, keep).ToArray(), audio.Samples);
    }

    [Fact]
    public void Truncate_ThenWrite_AppendsAfterTheCut()
    {
        using var stream = new MemoryStream();
        var samples = Tone(16000, 2.5);
        using (var writer = new WavWriter(stream, 16000, leaveOpen: true))
        {
            writer.Write(samples);
            writer.Truncate(1000);
            writer.Write(samples.AsSpan(0, 500));
        }

        var audio = WavReader.Read(stream.ToArray()).Samples;
        Assert.Equal(1500, audio.Length);
        Assert.Equal(samples.AsSpan(0, 500).ToArray(), audio.AsSpan(1000).ToArray());
    }

    [Fact]
    public void Truncate_MoreThanWritten_NeverGrows()
    {
        using var stream = new MemoryStream();
        using var writer = new WavWriter(stream, 8000, leaveOpen: true);
        writer.Write(Tone(8000, 0.1));

        writer.Truncate(100_000);

        Assert.Equal(800, writer.SamplesWritten);
        Assert.Equal(44 + 1600, stream.Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Truncate(-1));
    }

    [Fact]
    public void Truncate_File_SoxReadsTheCutLength()
    {
        var path = Path.Combine(_dir, "cut.wav");
        using (var writer = new WavWriter(path, 16000))
        {
            WriteInFrames(writer, Tone(16000, 3));
            writer.Truncate(16000 + 123);
        }

        Assert.Equal(16000 + 123, SoxSamplesRead(path));
    }

    private static short[] Tone(int rate, double seconds)
    {
        var samples = new short[(int)Math.Round(rate * seconds)];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)(20000 * Math.Sin(2 * Math.PI * 440 * i / rate));
        }

        return samples;
    }

    private static void WriteInFrames(WavWriter writer, ReadOnlySpan<short> samples)
    {
        var frame = writer.SampleRate / 50;
        for (var i = 0; i < samples.Length; i += frame)
        {
            writer.Write(samples.Slice(i, Math.Min(frame, samples.Length - i)));
        }
    }

    private string CopyOf(string path, string name)
    {
        var copy = Path.Combine(_dir, name);
        using var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var target = File.Create(copy);
        source.CopyTo(target);
        return copy;
    }

    private static double SoxDuration(string path) =>
        double.Parse(WavTestData.Sox("sox", "--i", "-D", path).Trim(), CultureInfo.InvariantCulture);

    private static long SoxSamplesRead(string path)
    {
        var stat = WavTestData.Sox("sox", path, "-n", "stat");
        return long.Parse(SamplesRead().Match(stat).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"Samples read:\s+(\d+)")]
    private static partial Regex SamplesRead();

    /// <summary>Keeps a copy of the whole stream after every write: each is a possible crash state.</summary>
    private sealed class RecordingStream : MemoryStream
    {
        public List<byte[]> Snapshots { get; } = [];

        public override void Write(byte[] buffer, int offset, int count)
        {
            base.Write(buffer, offset, count);
            Snapshots.Add(ToArray());
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            base.Write(buffer);
            Snapshots.Add(ToArray());
        }
    }
}
