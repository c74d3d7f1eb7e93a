using System.Buffers.Binary;
using System.Diagnostics;

namespace Hark.Media.Tests.Wav;

/// <summary>Files under tests/data/wav (made by make.sh there) and a sox runner.</summary>
internal static class WavTestData
{
    public static string Directory { get; } = Path.Combine(RepoRoot(), "tests", "data", "wav");

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
    public static string Sox(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException(program + " did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var output = stdout + stderr.Result;
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} exited {process.ExitCode}: {output}");
        return output;
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Hark.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Hark.slnx not found above " + AppContext.BaseDirectory);
    }
}
