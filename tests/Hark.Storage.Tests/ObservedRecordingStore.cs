using Hark.Calls.Persistence;

namespace Hark.Storage.Tests;

/// <summary>Wraps a recording store to report deletions, or to fail them.</summary>
internal sealed class ObservedRecordingStore(IRecordingStore inner) : IRecordingStore
{
    public TaskCompletionSource<string> FirstDelete { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool FailDeletes { get; set; }

    public Stream Create(string recordingId) => inner.Create(recordingId);

    public Stream? OpenRead(string recordingId) => inner.OpenRead(recordingId);

    public void Delete(string recordingId)
    {
        if (FailDeletes)
        {
            throw new IOException("disk says no");
        }

        inner.Delete(recordingId);
        FirstDelete.TrySetResult(recordingId);
    }
}
