namespace Hark.Calls.Persistence;

/// <summary>Where recordings' bytes live (files under the data directory by default).</summary>
public interface IRecordingStore
{
    /// <summary>A new, empty, seekable, writable stream for the recording; what is written survives a crash.</summary>
    Stream Create(string recordingId);

    /// <summary>The recording for reading, or null when it does not exist (never made, or deleted).</summary>
    Stream? OpenRead(string recordingId);

    /// <summary>Deletes the recording's bytes; nothing happens if they are already gone.</summary>
    void Delete(string recordingId);

    /// <summary>Bytes free where new recordings are written, or null when the store cannot tell.</summary>
    long? AvailableBytes => null;
}
