namespace Hark.Testing;

/// <summary>
/// Measures what code allocates on the calling thread. The runtime may itself allocate on that thread
/// once in a while, when it swaps in code it recompiled in the background (tiered compilation, on-stack
/// replacement), so one measurement can show a few kilobytes the code under test never asked for. A
/// measurement is therefore the least of several rounds: an allocation the code makes each time it runs
/// shows in every round, a one-off by the runtime in one.
/// </summary>
internal static class Allocations
{
    /// <summary>
    /// Runs <paramref name="prepare"/> and then the action it returns, <paramref name="rounds"/> times
    /// after one unmeasured warm-up, and returns the fewest bytes any one action allocated. Preparation
    /// (new objects, state the action consumes) is not counted.
    /// </summary>
    public static long Least(Func<Action> prepare, int rounds = 5)
    {
        ArgumentNullException.ThrowIfNull(prepare);
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        prepare()();
        var least = long.MaxValue;
        for (var round = 0; round < rounds; round++)
        {
            var measured = prepare();
            var before = GC.GetAllocatedBytesForCurrentThread();
            measured();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }

    /// <summary>The fewest bytes one run of <paramref name="round"/> allocated, as above.</summary>
    public static long Least(Action round, int rounds = 5) => Least(() => round, rounds);
}
