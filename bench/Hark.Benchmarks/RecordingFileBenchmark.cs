using BenchmarkDotNet.Attributes;

namespace Hark.Benchmarks;

/// <summary>Base for benchmarks that end in a 16 kHz recording file, on disk or discarded.</summary>
public abstract class RecordingFileBenchmark
{
    /// <summary>True: a real file in the temp folder; false: Hark's work only, the bytes are discarded.</summary>
    [Params(true, false)]
    public bool ToDisk { get; set; }

    internal RollingWavFile File { get; private set; } = null!;

    [GlobalSetup]
    public void Setup() => File = new RollingWavFile(16000, ToDisk);

    [GlobalCleanup]
    public void Cleanup() => File.Dispose();
}
