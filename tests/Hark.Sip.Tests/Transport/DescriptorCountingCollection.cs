namespace Hark.Sip.Tests.Transport;

/// <summary>
/// Tests that count this process's descriptors run on their own, after the parallel tests: another test's sockets
/// opening or closing meanwhile would change the count.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DescriptorCountingCollection
{
    public const string Name = "Descriptor counting";
}
