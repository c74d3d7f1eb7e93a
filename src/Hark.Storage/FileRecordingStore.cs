using Hark.Calls.Persistence;
using Microsoft.Extensions.Options;

namespace Hark.Storage;

/// <summary>Recordings as files, <c>{DataDirectory}/recordings/{id}.wav</c>.</summary>
public sealed class FileRecordingStore : IRecordingStore
{
    public const string DirectoryName = "recordings";

    // Ids reach the file system from URLs; letters, digits and '-' (GUIDs, base64url without '_') cannot escape
    // the folder or name a device.
    private const int MaxIdLength = 128;

    public FileRecordingStore(IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RootDirectory = Path.Combine(Path.GetFullPath(options.Value.DataDirectory), DirectoryName);
        OwnerOnly.CreateDirectory(Path.GetFullPath(options.Value.DataDirectory));
        OwnerOnly.CreateDirectory(RootDirectory);
    }

    /// <summary>The folder holding the WAV files.</summary>
    public string RootDirectory { get; }

    /// <summary>A new file; fails with <see cref="IOException"/> if the recording already exists.</summary>
    public Stream Create(string recordingId) =>
        // FileShare.Read: a download may open a finished recording while this one is still being written.
        new FileStream(PathOf(recordingId), OwnerOnly.NewFile(new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.Read,

            // No FileStream buffer (4 KB per open recording): the WAV writer batches its writes itself.
            BufferSize = 0,
        }));

    public Stream? OpenRead(string recordingId)
    {
        var path = PathOf(recordingId);
        try
        {
            // ReadWrite | Delete: a download never blocks the retention sweep or a writer.
            return new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.ReadWrite | FileShare.Delete,
                Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
            });
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Free bytes on the recordings' file system for this process (quotas included); null when it cannot be read.</summary>
    public long? AvailableBytes
    {
        get
        {
            try
            {
                return new DriveInfo(RootDirectory).AvailableFreeSpace;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                return null;
            }
        }
    }

    public void Delete(string recordingId)
    {
        var path = PathOf(recordingId);
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // The folder itself is gone: so is the file.
        }
    }

    private string PathOf(string recordingId)
    {
        ValidateId(recordingId);
        return Path.Combine(RootDirectory, recordingId + ".wav");
    }

    private static void ValidateId(string recordingId)
    {
        ArgumentException.ThrowIfNullOrEmpty(recordingId);
        if (recordingId.Length > MaxIdLength)
        {
            throw new ArgumentException($"A recording id has at most {MaxIdLength} characters.", nameof(recordingId));
        }

        foreach (var c in recordingId)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                throw new ArgumentException("A recording id may contain only ASCII letters, digits and '-'.", nameof(recordingId));
            }
        }
    }
}
