namespace Hark.Calls.Media;

/// <summary>
/// Where recordings go (the storage port). The engine opens a stream when a recording starts, writes a
/// WAV into it as audio arrives, and disposes the stream before calling <see cref="Completed"/> or
/// <see cref="Discarded"/>. Calls come from whichever thread holds the call's media at the time (its media thread
/// while frames are processed, its loop for a command), never from two at once.
/// </summary>
public interface IRecordingSink
{
    /// <summary>A new, empty, seekable and writable stream for the operation's WAV. The engine disposes it.</summary>
    Stream Open(string operationId);

    /// <summary>The WAV is complete (stream already disposed) and is reported with the operation.</summary>
    void Completed(RecordingInfo recording);

    /// <summary>The operation was cancelled after its recording started; the stream's content should be deleted.</summary>
    void Discarded(string operationId);
}
