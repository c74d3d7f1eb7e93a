using System.Buffers.Binary;
using Hark.Media.Wav;
using static Hark.Media.Tests.Wav.WavBytes;

namespace Hark.Media.Tests.Wav;

public sealed class WavReaderTests
{
    private static readonly short[] Ramp = [0, 1000, -1000, 32767, -32768, 12345, -12345, 7];

    [Theory]
    [InlineData("pcm16-8k-mono", 8000, 1, 0)]
    [InlineData("pcm16-16k-stereo", 16000, 2, 1)]
    [InlineData("pcm16-16k-4ch", 16000, 4, 1)]
    [InlineData("pcm8-8k-mono", 8000, 1, 0)]
    [InlineData("pcm24-48k-stereo", 48000, 2, 1)]
    [InlineData("pcm24-16k-mono-plain", 16000, 1, 1)]
    [InlineData("pcm32-16k-mono", 16000, 1, 1)]
    [InlineData("float32-44k-stereo", 44100, 2, 1)]
    [InlineData("float32-48k-3ch", 48000, 3, 1)]
    [InlineData("float64-8k-mono", 8000, 1, 1)]
    [InlineData("mulaw-8k-mono", 8000, 1, 0)]
    [InlineData("alaw-8k-mono", 8000, 1, 0)]
    [InlineData("alaw-8k-stereo", 8000, 2, 1)]
    public void Read_SoxFile_MatchesSoxDecodeAveragedOverChannels(string name, int rate, int channels, int tolerance)
    {
        var audio = WavReader.Read(WavTestData.Wav(name));

        var sox = WavTestData.SoxPcm16(name);
        Assert.Equal(rate, audio.SampleRate);
        Assert.Equal(sox.Length / channels, audio.Samples.Length);
        Assert.Equal(TimeSpan.FromSeconds(0.1), audio.Duration);
        var maxError = 0;
        for (var i = 0; i < audio.Samples.Length; i++)
        {
            var sum = 0.0;
            for (var c = 0; c < channels; c++)
            {
                sum += sox[(i * channels) + c];
            }

            maxError = Math.Max(maxError, (int)Math.Ceiling(Math.Abs(audio.Samples[i] - (sum / channels))));
        }

        Assert.InRange(maxError, 0, tolerance);
        Assert.Contains(audio.Samples, s => Math.Abs((int)s) > 10000); // not silence
    }

    [Fact]
    public void Read_Stream_SameAsSpan()
    {
        var bytes = WavTestData.Wav("pcm24-48k-stereo");
        using var seekable = new MemoryStream(bytes);
        using var forwardOnly = new BufferedStream(new ForwardOnlyStream(bytes), 100);

        var expected = WavReader.Read(bytes).Samples;
        Assert.Equal(expected, WavReader.Read(seekable).Samples);
        Assert.Equal(expected, WavReader.Read(forwardOnly).Samples);
    }

    [Fact]
    public void Read_ExtraAndOddSizedChunksAround_Ignored()
    {
        var file = Riff(
            Chunk("JUNK", new byte[3]),
            Chunk("fmt ", Fmt(1, 1, 8000, 2, 16)),
            Chunk("LIST", "INFOICMT\u0005\0\0\0hello\0"u8.ToArray()),
            Chunk("fact", BitConverter.GetBytes(8)),
            Chunk("data", Int16Le(Ramp)),
            Chunk("LIST", new byte[7]));

        var audio = WavReader.Read(file);

        Assert.Equal(8000, audio.SampleRate);
        Assert.Equal(Ramp, audio.Samples);
    }

    [Fact]
    public void Read_OddDataChunkWithPadThenList_KeepsAllSamples()
    {
        byte[] pcm8 = [0, 64, 128, 192, 255];
        var audio = WavReader.Read(Riff(Chunk("fmt ", Fmt(1, 1, 11025, 1, 8)), Chunk("data", pcm8), Chunk("LIST", new byte[4])));

        Assert.Equal(new short[] { -32768, -16384, 0, 16384, 32512 }, audio.Samples);
    }

    [Fact]
    public void Read_FmtAfterData_Found()
    {
        var audio = WavReader.Read(Riff(Chunk("data", Int16Le(Ramp)), Chunk("fmt ", Fmt(1, 1, 16000, 2, 16))));

        Assert.Equal(Ramp, audio.Samples);
    }

    [Theory]
    [InlineData(1000u)] // truncated: size runs past the end
    [InlineData(0xFFFFFFFFu)] // streamed
    [InlineData(0u)] // streamed, header never patched
    public void Read_DataSizeUnknownOrPastEnd_TakesWholeFramesPresent(uint declared)
    {
        var data = Int16Le(Ramp).Append((byte)0x11).ToArray(); // plus half a frame
        var file = Riff(Chunk("fmt ", Fmt(1, 1, 8000, 2, 16)), Chunk("data", data, declared)).SkipLast(1).ToArray();

        Assert.Equal(Ramp, WavReader.Read(file).Samples);
    }

    [Fact]
    public void Read_EmptyDataThenListChunk_NoSamples()
    {
        var audio = WavReader.Read(Riff(Chunk("fmt ", Fmt(1, 1, 8000, 2, 16)), Chunk("data", []), Chunk("LIST", new byte[10])));

        Assert.Empty(audio.Samples);
        Assert.Equal(TimeSpan.Zero, audio.Duration);
    }

    [Theory]
    [InlineData("pcm16-8k-mono")]
    [InlineData("pcm16-16k-stereo")]
    [InlineData("pcm8-8k-mono")]
    [InlineData("float32-44k-stereo")]
    [InlineData("float64-8k-mono")]
    [InlineData("mulaw-8k-mono")]
    [InlineData("alaw-8k-stereo")]
    public void Read_FormatWrappedInExtensible_SameSamples(string name)
    {
        var plain = WavTestData.Wav(name);
        var (fmt, data) = Split(plain);

        var wrapped = WavReader.Read(Riff(Chunk("fmt ", Extensible(fmt)), Chunk("data", data)));

        Assert.Equal(WavReader.Read(plain).Samples, wrapped.Samples);
    }

    [Fact]
    public void Read_Float_ScaledClippedAndNaNSilent()
    {
        float[] values = [0.5f, -0.5f, 1.5f, -2f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 1f / 65536];
        var data = new byte[4 * values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(4 * i), values[i]);
        }

        var audio = WavReader.Read(Riff(Chunk("fmt ", Fmt(3, 1, 8000, 4, 32)), Chunk("data", data)));

        Assert.Equal(new short[] { 16384, -16384, 32767, -32768, 0, 32767, -32768, 1 }, audio.Samples);
    }

    [Fact]
    public void Read_Pcm24_TopSixteenBitsRounded()
    {
        int[] values = [0x000080, 0x00007F, -0x80, -0x81, 0x7FFFFF, -0x800000, 0x1234C0];
        var data = new byte[3 * values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            data[3 * i] = (byte)values[i];
            data[(3 * i) + 1] = (byte)(values[i] >> 8);
            data[(3 * i) + 2] = (byte)(values[i] >> 16);
        }

        var audio = WavReader.Read(Riff(Chunk("fmt ", Fmt(1, 1, 8000, 3, 24)), Chunk("data", data)));

        Assert.Equal(new short[] { 1, 0, 0, -1, 32767, -32768, 0x1235 }, audio.Samples);
    }

    [Fact]
    public void Read_StereoPcm16_ChannelsAveraged()
    {
        var audio = WavReader.Read(Riff(Chunk("fmt ", Fmt(1, 2, 8000, 4, 16)), Chunk("data", Int16Le(100, 300, 32767, 32767, -32768, 32767, 1, 2))));

        Assert.Equal(new short[] { 200, 32767, 0, 2 }, audio.Samples);
    }

    public static TheoryData<string, byte[]> BadFiles() => new()
    {
        { "too short", "RIFF"u8.ToArray() },
        { "RIFF", [.. "RIFX"u8, 4, 0, 0, 0, .. "WAVE"u8] },
        { "RF64", [.. "RF64"u8, 4, 0, 0, 0, .. "WAVE"u8] },
        { "WAVE", [.. "RIFF"u8, 4, 0, 0, 0, .. "AVI "u8] },
        { "No fmt", Riff(Chunk("data", Int16Le(Ramp))) },
        { "No data", Riff(Chunk("fmt ", Fmt(1, 1, 8000, 2, 16)), Chunk("LIST", new byte[4])) },
        { "fmt chunk is 14", Riff(Chunk("fmt ", Fmt(1, 1, 8000, 2, 16)[..14]), Chunk("data", Int16Le(Ramp))) },
        { "fmt chunk claims", Riff(Chunk("fmt ", Fmt(1, 1, 8000, 2, 16), declaredSize: 200)) },
        { "0x0002 (MS ADPCM)", Riff(Chunk("fmt ", Fmt(2, 1, 8000, 256, 4)), Chunk("data", Int16Le(Ramp))) },
        { "0x0055 (MP3)", Riff(Chunk("fmt ", Fmt(0x55, 1, 8000, 1, 0)), Chunk("data", Int16Le(Ramp))) },
        { "block align 3", Riff(Chunk("fmt ", Fmt(1, 1, 8000, 3, 16)), Chunk("data", Int16Le(Ramp))) },
        { "block align 0", Riff(Chunk("fmt ", Fmt(1, 2, 8000, 0, 16)), Chunk("data", Int16Le(Ramp))) },
        { "zero channels", Riff(Chunk("fmt ", Fmt(1, 0, 8000, 2, 16)), Chunk("data", Int16Le(Ramp))) },
        { "sample rate (0 Hz)", Riff(Chunk("fmt ", Fmt(1, 1, 0, 2, 16)), Chunk("data", Int16Le(Ramp))) },
        { "PCM with 0 bits", Riff(Chunk("fmt ", Fmt(1, 1, 8000, 2, 0)), Chunk("data", Int16Le(Ramp))) },
        { "PCM with 40 bits", Riff(Chunk("fmt ", Fmt(1, 1, 8000, 5, 40)), Chunk("data", Int16Le(Ramp))) },
        { "IEEE float with 16 bits", Riff(Chunk("fmt ", Fmt(3, 1, 8000, 2, 16)), Chunk("data", Int16Le(Ramp))) },
        { "G.711 with 16 bits", Riff(Chunk("fmt ", Fmt(7, 1, 8000, 2, 16)), Chunk("data", Int16Le(Ramp))) },
        { "EXTENSIBLE fmt chunk is 16", Riff(Chunk("fmt ", Fmt(0xFFFE, 1, 8000, 2, 16)), Chunk("data", Int16Le(Ramp))) },
        { "sub-format", Riff(Chunk("fmt ", BadGuid()), Chunk("data", Int16Le(Ramp))) },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Read_BadFile_ThrowsWavFormatExceptionNamingTheProblem(string expectedInMessage, byte[] file)
    {
        var ex = Assert.Throws<WavFormatException>(() => WavReader.Read(file));

        Assert.Contains(expectedInMessage, ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    private static byte[] BadGuid()
    {
        var fmt = Extensible(Fmt(1, 1, 8000, 2, 16));
        fmt[39] ^= 0xFF;
        return fmt;
    }

    /// <summary>A stream that cannot seek, like a network body.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, 7), bytes.Length - _position);
            bytes.AsSpan(_position, n).CopyTo(buffer.AsSpan(offset));
            _position += n;
            return n;
        }

        public override void Flush() => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
