namespace Hark.Fuzz;

/// <summary>Runs a target over saved inputs, outside afl-fuzz: a found crash reproduces with its stack trace.</summary>
internal static class FuzzReplay
{
    public static int Run(FuzzTarget target, IEnumerable<string> paths)
    {
        var files = paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories) : [p]).ToList();
        foreach (var file in files)
        {
            target(File.ReadAllBytes(file));
        }

        Console.WriteLine($"{files.Count} inputs replayed without an exception");
        return 0;
    }
}
