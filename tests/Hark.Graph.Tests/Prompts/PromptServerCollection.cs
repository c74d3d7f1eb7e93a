namespace Hark.Graph.Tests.Prompts;

/// <summary>The prompt tests share one Kestrel; each test registers its own paths.</summary>
[CollectionDefinition(Name)]
public sealed class PromptServerCollection : ICollectionFixture<PromptTestServer>
{
    public const string Name = "Prompt server";
}
