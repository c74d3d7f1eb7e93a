using Hark.Calls.Lifecycle;
using Hark.Calls.Persistence;
using Hark.Graph.Contracts;

namespace Hark.Graph.Calls;

public sealed partial class GraphCall
{
    // Request threads change these, always under _rosterWrites, so the roster saved last shows the latest values.
    private readonly SemaphoreSlim _rosterWrites = new(1, 1);
    private volatile bool _muted;
    private int _recordingStatus = NoRecordingStatus;

    private const int NoRecordingStatus = -1;

    /// <summary>The call's participants (the far end, then the bot), as GET …/participants returns them.</summary>
    public IReadOnlyList<Participant> Participants() => GraphResources.Participants(
        Info, _muted, Volatile.Read(ref _recordingStatus) is var status and not NoRecordingStatus ? (RecordingStatus)status : null);

    private string RosterUrl => Info.ResourcePath + "/participants";

    /// <summary>mute/unmute: a server mute of the bot's own audio; completes at once, and the roster shows it.</summary>
    public Task<(CallCommandError Error, CommsOperation? Operation)> SetMutedAsync(bool muted, string? clientContext) =>
        ChangeRosterAsync(
            muted ? GraphOperationKind.Mute : GraphOperationKind.Unmute,
            clientContext,
            () => _actor.ExecuteMediaAsync(media => media.SetMuted(muted)),
            () => _muted = muted);

    /// <summary>updateRecordingStatus: the bot's recordingInfo shows <paramref name="status"/>; completes at once.</summary>
    public Task<(CallCommandError Error, CommsOperation? Operation)> UpdateRecordingStatusAsync(RecordingStatus status, string? clientContext) =>
        ChangeRosterAsync(
            GraphOperationKind.UpdateRecordingStatus,
            clientContext,

            // Only an established call can record; the media engine's command queue answers exactly that.
            () => _actor.ExecuteMediaAsync(static _ => { }),
            () => Volatile.Write(ref _recordingStatus, (int)status));

    private async Task<(CallCommandError, CommsOperation?)> ChangeRosterAsync(
        GraphOperationKind kind, string? clientContext, Func<Task<CallCommandError>> command, Action apply)
    {
        var op = new OperationInfo(Guid.NewGuid().ToString(), kind, clientContext);
        await _rosterWrites.WaitAsync().ConfigureAwait(false);
        try
        {
            var error = await command().ConfigureAwait(false);
            if (error != CallCommandError.None)
            {
                return (error, null);
            }

            apply();
            var now = _services.Time.GetUtcNow();
            var resource = GraphResources.Started(Info, op, completed: true);
            await SaveNotifiedAsync(
                new CallStateChange { Operations = [ToStored(op, resource, now)] },
                () => Notify(ChangeType.Updated, RosterUrl, Participants().ToArray(), now),
                CancellationToken.None).ConfigureAwait(false);
            return (CallCommandError.None, resource);
        }
        finally
        {
            _rosterWrites.Release();
        }
    }
}
