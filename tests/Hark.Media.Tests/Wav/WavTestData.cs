using System.Buffers.Binary;

namespace Hark.Media.Tests.Wav;

/// <summary>Files under tests/data/wav (made by make.sh there) and a sox runner.</summary>
internal static class WavTestData
{
    public static string Directory { get; } = Hark.Testing.RepositoryPaths.TestData("wav");

    public static byte[] Wav(string name) => File.ReadAllBytes(Path.Combine(Directory, name + ".wav"));

    /// <summary>sox's decode of the file to PCM16, channels interleaved.</summary>
    public static short[] SoxPcm16(string name)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Directory, name + ".s16"));
        var samples = new short[bytes.Length / 2];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(2 * i));
        }

        return samples;
    }

    /// <summary>Runs sox (or soxi) and returns stdout + stderr; fails the test on a non-zero exit.</summary>
    public static string Sox(string program, params string[] args) => Tests.Sox.Run(program, args);
}
