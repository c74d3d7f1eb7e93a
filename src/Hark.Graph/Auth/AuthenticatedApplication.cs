namespace Hark.Graph.Auth;

/// <summary>The application a valid bearer token speaks for.</summary>
public sealed record AuthenticatedApplication(
    string ClientId,
    string TenantId,
    IReadOnlyList<string> Roles,
    string TokenId,
    DateTimeOffset ExpiresAt)
{
    public bool HasRole(string role)
    {
        foreach (var granted in Roles)
        {
            if (string.Equals(granted, role, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
