namespace Hark.Calls.Persistence;

/// <summary>Everything one step of a call changed; <see cref="ICallStore.SaveAsync"/> writes it in one transaction.</summary>
public sealed record CallStateChange
{
    /// <summary>The call's new row (inserted or replaced); null when only its operations changed.</summary>
    public StoredCall? Call { get; init; }

    /// <summary>Operations inserted or replaced.</summary>
    public IReadOnlyList<StoredOperation> Operations { get; init; } = [];

    /// <summary>Recordings that were completed.</summary>
    public IReadOnlyList<StoredRecording> Recordings { get; init; } = [];

    /// <summary>Notifications to deliver, in order, after whatever the call already has queued.</summary>
    public IReadOnlyList<OutboxMessage> Notifications { get; init; } = [];
}
