using Hark.Fuzz;
using SharpFuzz;

// One harness per run: `dotnet Hark.Fuzz.dll <target>` under afl-fuzz (persistent mode: the fork server runs
// the target in this process for every input), or `dotnet Hark.Fuzz.dll <target> <file-or-dir>...` to replay
// inputs (a crash found by afl-fuzz, or a corpus) outside it.
if (args.Length == 0 || !FuzzTargets.All.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"usage: Hark.Fuzz <{string.Join('|', FuzzTargets.All.Keys)}> [input files or directories]");
    return 2;
}

if (args.Length > 1)
{
    return FuzzReplay.Run(target, args[1..]);
}

var buffer = new byte[FuzzTargets.MaxInput];
Fuzzer.Run(stream =>
{
    var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
    target(buffer.AsSpan(0, length));
});
return 0;
