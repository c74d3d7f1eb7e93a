namespace Hark.Host.Tests.Security;

/// <summary>
/// Tests that compare the process's managed heap before and after a run: alone, so the hosts of test classes
/// running beside them do not count as their growth.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeapMeasuringCollection
{
    public const string Name = "Heap measuring";
}
