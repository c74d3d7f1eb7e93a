using System.Buffers.Binary;
using Hark.Media.Wav;

namespace Hark.Media.Tests.Wav;

public sealed class WavReaderFuzzTests
{
    private static readonly string[] Seeds =
        ["pcm16-8k-mono", "pcm8-8k-mono", "pcm24-48k-stereo", "pcm32-16k-mono", "float64-8k-mono", "mulaw-8k-mono", "pcm16-16k-4ch"];

    [Fact]
    public void Read_MutatedFiles_SucceedOrThrowWavFormatExceptionOnly()
    {
        var random = new Random(20240611);
        var seeds = Seeds.Select(WavTestData.Wav).ToArray();
        var outcomes = new int[2];
        for (var i = 0; i < 6000; i++)
        {
            var file = Mutate(seeds[i % seeds.Length], random);
            try
            {
                var audio = WavReader.Read(file);
                Assert.True(audio.Samples.Length <= file.Length, "more samples than bytes");
                Assert.True(audio.SampleRate > 0);
                outcomes[0]++;
            }
            catch (WavFormatException)
            {
                outcomes[1]++;
            }
        }

        // Both paths must be exercised or the mutations are too weak (or too strong) to mean anything.
        Assert.All(outcomes, n => Assert.True(n > 500, $"success {outcomes[0]}, rejected {outcomes[1]}"));
    }

    [Fact]
    public void Read_EveryTruncation_SucceedsOrThrowsWavFormatException()
    {
        var file = WavTestData.Wav("pcm24-48k-stereo");
        for (var length = 0; length < 300; length++)
        {
            ReadOrReject(file.AsSpan(0, length));
        }

        // Past the header every cut is a truncated data chunk: whole frames only.
        var dataStart = file.AsSpan().IndexOf("data"u8) + 8;
        var cut = file.AsSpan(0, dataStart + (6 * 10) + 5);
        Assert.Equal(10, WavReader.Read(cut).Samples.Length);
    }

    private static void ReadOrReject(ReadOnlySpan<byte> file)
    {
        try
        {
            WavReader.Read(file);
        }
        catch (WavFormatException)
        {
        }
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var file = (byte[])seed.Clone();
        var edits = random.Next(1, 5);
        for (var e = 0; e < edits; e++)
        {
            // Most edits land in the first 80 bytes, where the header and chunk sizes are.
            var at = random.Next(Math.Min(file.Length, random.Next(2) == 0 ? 80 : file.Length));
            switch (random.Next(6))
            {
                case 0:
                    file[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    file[at] = (byte)random.Next(256);
                    break;
                case 2 when at + 4 <= file.Length:
                    BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(at), Interesting(random));
                    break;
                case 3 when at + 2 <= file.Length:
                    BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(at), (ushort)Interesting(random));
                    break;
                case 4:
                    file = file[..at];
                    break;
                default:
                    file = [.. file[..at], .. Enumerable.Range(0, random.Next(1, 16)).Select(_ => (byte)random.Next(256)), .. file[at..]];
                    break;
            }

            if (file.Length == 0)
            {
                break;
            }
        }

        return file;
    }

    private static uint Interesting(Random random) => random.Next(8) switch
    {
        0 => 0,
        1 => uint.MaxValue,
        2 => 0x7FFFFFFF,
        3 => 0x80000000,
        4 => (uint)random.Next(1, 64),
        5 => 0xFFFE,
        6 => 0x10000,
        _ => (uint)random.Next(),
    };
}
