namespace Hark.Calls.Persistence;

/// <summary>A media operation as persisted: its ids and status plus the Graph resource, as opaque JSON.</summary>
/// <param name="CallId">The call it belongs to.</param>
/// <param name="Id">The operation id.</param>
/// <param name="Status">notStarted, running, completed or failed.</param>
/// <param name="ResourceJson">The operation resource as GET operations/{id} returns it.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record StoredOperation(string CallId, string Id, string Status, string ResourceJson, DateTimeOffset UpdatedAt);
