using System.Diagnostics;
using System.Globalization;

namespace Hark.Host.Operations;

/// <summary>
/// An exclusive lock on the data directory (<c>hark.lock</c>, an advisory <c>flock</c> the kernel drops when
/// the process dies), taken before anything opens the database, so a second Hark on the same folder stops at
/// once instead of "recovering" the first one's live calls. Who holds it is written beside it in <c>hark.pid</c>
/// (the locked file itself cannot be read by another process).
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    public const string LockFileName = "hark.lock";
    public const string OwnerFileName = "hark.pid";

    private readonly FileStream _lock;
    private readonly string _ownerPath;

    private DataDirectoryLock(FileStream stream, string directory)
    {
        _lock = stream;
        Directory = directory;
        _ownerPath = Path.Combine(directory, OwnerFileName);
    }

    /// <summary>The locked directory's full path.</summary>
    public string Directory { get; }

    /// <exception cref="DataDirectoryLockedException">Another process holds the lock.</exception>
    public static DataDirectoryLock Acquire(string dataDirectory)
    {
        var directory = Path.GetFullPath(dataDirectory);
        System.IO.Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, LockFileName);
        FileStream stream;
        try
        {
            // FileShare.None is flock(LOCK_EX | LOCK_NB) on Unix and a share-mode lock on Windows.
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new DataDirectoryLockedException(directory, ReadOwner(Path.Combine(directory, OwnerFileName)));
        }

        var held = new DataDirectoryLock(stream, directory);
        using var process = Process.GetCurrentProcess();
        var owner = string.Create(CultureInfo.InvariantCulture, $"pid {Environment.ProcessId} ({process.ProcessName}) on {Environment.MachineName}, started {DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ}");
        File.WriteAllText(held._ownerPath, owner + Environment.NewLine);
        return held;
    }

    public void Dispose()
    {
        try
        {
            File.Delete(_ownerPath);
        }
        catch (IOException)
        {
            // Stale owner text is harmless: the next holder rewrites it.
        }

        _lock.Dispose();
    }

    private static string? ReadOwner(string ownerPath)
    {
        try
        {
            return File.ReadAllText(ownerPath).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
