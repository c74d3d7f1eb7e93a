namespace Hark.Sdk5.Tests.Sip;

/// <summary>
/// Load tests run on their own, after the parallel tests: they measure Hark under fifty calls, not Hark
/// competing with every other test's host for the machine's cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LoadCollection
{
    public const string Name = "Load";
}
