namespace Hark.Calls.Persistence;

/// <summary>
/// A call as persisted: a few indexed columns plus the Graph resource the API returns for it, kept as
/// opaque JSON so storage never learns Graph's shapes.
/// </summary>
/// <param name="Id">The call id.</param>
/// <param name="ApplicationId">The client id of the application that owns the call.</param>
/// <param name="State">The lifecycle state, as <see cref="Lifecycle.CallState"/>'s name.</param>
/// <param name="ResourceJson">The call resource as GET returns it.</param>
/// <param name="CreatedAt">When the call began.</param>
/// <param name="EndedAt">When it was terminated; null while it is alive.</param>
public sealed record StoredCall(
    string Id, string ApplicationId, string State, string ResourceJson, DateTimeOffset CreatedAt, DateTimeOffset? EndedAt);
