using Hark.Calls.Persistence;
using static Hark.Storage.Tests.StorageTestData;

namespace Hark.Storage.Tests;

/// <summary>Recordings and the database are readable by Hark's own user only, whatever the umask.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class OwnerOnlyTests : IDisposable
{
    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Create_NewDataFolder_DatabaseWalRecordingsFolderAndRecordingOwnerOnly()
    {
        var data = Path.Combine(_directory.Path, "data");
        using var store = OpenStore(data);
        var recordings = OpenRecordings(data);
        await store.SaveAsync(new CallStateChange { Call = new StoredCall("c", "a", "Established", "{}", DateTimeOffset.UtcNow, null) }, default);
        using (var wav = recordings.Create("r-1"))
        {
            wav.WriteByte(1);
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(data));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(recordings.RootDirectory));
        foreach (var file in new[] { store.DatabasePath, store.DatabasePath + "-wal", Path.Combine(recordings.RootDirectory, "r-1.wav") })
        {
            Assert.True(File.Exists(file), file);
            Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(file) & GroupOrOther);
        }
    }

    [Fact]
    public void Open_ExistingWorldReadableDatabase_Tightened()
    {
        var path = Path.Combine(_directory.Path, SqliteCallStore.FileName);
        File.WriteAllBytes(path, []);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        using var store = OpenStore(_directory.Path);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }
}
