namespace Hark.Graph.Calls;

/// <summary>What Hark knows about a call beyond its state: who placed it, for whom, and where its news goes.</summary>
public sealed class CallInfo
{
    public required string Id { get; init; }

    /// <summary>Client id of the application that owns the call.</summary>
    public required string ApplicationId { get; init; }

    public required string TenantId { get; init; }

    public required Hark.Calls.Lifecycle.CallDirection Direction { get; init; }

    /// <summary>The caller's number (incoming) or the callee's (outgoing).</summary>
    public required string RemoteNumber { get; init; }

    /// <summary>The number that was dialled to reach the application (incoming).</summary>
    public string? LocalNumber { get; init; }

    public string? Subject { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public string CallChainId { get; } = Guid.NewGuid().ToString();

    public string MyParticipantId { get; } = Guid.NewGuid().ToString();

    /// <summary>The participant id of the far end (the caller, or the callee of an outgoing call).</summary>
    public string RemoteParticipantId { get; } = Guid.NewGuid().ToString();

    /// <summary>Where notifications go: the answer's or create's callbackUri, else the application's.</summary>
    public string? CallbackUri { get; set; }

    /// <summary>Absolute base for the URLs handed out for this call (recordingLocation).</summary>
    public required string BaseUrl { get; set; }

    public string ResourcePath => "/communications/calls/" + Id;
}
