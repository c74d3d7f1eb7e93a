namespace Hark.Graph.Tests.Auth;

/// <summary>The Kestrel test classes share one server: each start costs a key generation.</summary>
[CollectionDefinition(Name)]
public sealed class AuthServerCollection : ICollectionFixture<AuthTestServer>
{
    public const string Name = "Auth server";
}
