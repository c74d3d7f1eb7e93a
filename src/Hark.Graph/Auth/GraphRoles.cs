namespace Hark.Graph.Auth;

/// <summary>The Graph application permissions (token <c>roles</c>) Hark understands.</summary>
public static class GraphRoles
{
    public const string AccessMediaAll = "Calls.AccessMedia.All";
    public const string InitiateAll = "Calls.Initiate.All";
    public const string JoinGroupCallAll = "Calls.JoinGroupCall.All";
    public const string JoinGroupCallAsGuestAll = "Calls.JoinGroupCallAsGuest.All";
    public const string InitiateGroupCallAll = "Calls.InitiateGroupCall.All";

    /// <summary>Every role; what an application gets when its configuration lists none.</summary>
    public static IReadOnlyList<string> All { get; } =
        [AccessMediaAll, InitiateAll, JoinGroupCallAll, JoinGroupCallAsGuestAll, InitiateGroupCallAll];
}
