namespace Hark.Host.Tests.Operations;

/// <summary>Tests that read process-wide metrics run with no other test class at the same time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "Metrics";
}
