namespace Hark.Graph.Auth;

/// <summary>A signed token and the moment it stops validating.</summary>
public sealed record IssuedToken(string Value, DateTimeOffset ExpiresAt);
