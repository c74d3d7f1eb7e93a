using System.Runtime.InteropServices;

namespace Hark.Fuzz;

/// <summary>Runs a target over saved inputs, outside afl-fuzz: a found crash reproduces with its stack trace.</summary>
internal static class FuzzReplay
{
    public static int Run(FuzzTarget target, IEnumerable<string> paths)
    {
        GiveCoverageMapAHome();
        var files = paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories) : [p]).ToList();
        foreach (var file in files)
        {
            target(File.ReadAllBytes(file));
        }

        Console.WriteLine($"{files.Count} inputs replayed without an exception");
        return 0;
    }

    // The instrumented assemblies write every branch into SharpFuzz's coverage map, which only afl-fuzz's
    // shared memory provides; a private zeroed map lets the instrumented build replay inputs too (bench/fuzz/run
    // replays the input in flight when afl-fuzz loses its fork server). A no-op for an uninstrumented build.
    private static unsafe void GiveCoverageMapAHome()
    {
        if (SharpFuzz.Common.Trace.SharedMem == null)
        {
            SharpFuzz.Common.Trace.SharedMem = (byte*)NativeMemory.AllocZeroed(1 << 16);
        }
    }
}
