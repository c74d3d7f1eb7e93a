namespace Hark.Calls.Persistence;

/// <summary>A webhook to deliver: written with the state change that caused it, delivered in order per call.</summary>
/// <param name="Id">Unique id, sent with the request so receivers can deduplicate.</param>
/// <param name="CallId">Messages of one call are delivered one at a time in the order they were written.</param>
/// <param name="ApplicationId">The receiving application's client id (the audience of the request's token).</param>
/// <param name="TargetUri">Where the POST goes.</param>
/// <param name="Payload">The request body (JSON).</param>
/// <param name="CreatedAt">When the message was written.</param>
public sealed record OutboxMessage(
    string Id, string CallId, string ApplicationId, string TargetUri, string Payload, DateTimeOffset CreatedAt);
