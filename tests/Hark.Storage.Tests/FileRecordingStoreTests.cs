using static Hark.Storage.Tests.StorageTestData;

namespace Hark.Storage.Tests;

public sealed class FileRecordingStoreTests : IDisposable
{
    private static readonly byte[] Bytes = [0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 5];

    private readonly TemporaryDirectory _directory = new();
    private readonly FileRecordingStore _store;

    public FileRecordingStoreTests() => _store = OpenRecordings(_directory.Path);

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("rec.wav")]
    [InlineData("with space")]
    [InlineData("under_score")]
    [InlineData("é")]
    public void AllMethods_InvalidId_ThrowArgumentException(string id)
    {
        Assert.ThrowsAny<ArgumentException>(() => _store.Create(id));
        Assert.ThrowsAny<ArgumentException>(() => _store.OpenRead(id));
        Assert.ThrowsAny<ArgumentException>(() => _store.Delete(id));
        Assert.DoesNotContain(Directory.GetFileSystemEntries(_directory.Path, "*", SearchOption.AllDirectories),
            p => !p.StartsWith(_store.RootDirectory, StringComparison.Ordinal));
    }

    [Fact]
    public void AvailableBytes_Always_TheRecordingsFileSystemsFreeSpace()
    {
        var expected = new DriveInfo(_store.RootDirectory).AvailableFreeSpace;

        var available = _store.AvailableBytes;

        Assert.NotNull(available);
        Assert.InRange(available.Value, 1, long.MaxValue);

        // Other writers on the machine change it a little between the two reads; a gigabyte is generous.
        Assert.InRange(available.Value, expected - (1L << 30), expected + (1L << 30));
    }

    [Fact]
    public void Create_TooLongId_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => _store.Create(new string('a', 129)));
    }

    [Fact]
    public async Task Create_ThenOpenRead_ReturnsWrittenBytesFromRecordingsFolder()
    {
        await using (var stream = _store.Create("3f2a-B9"))
        {
            Assert.True(stream.CanSeek && stream.CanWrite);
            await stream.WriteAsync(Bytes);
        }

        await using var read = _store.OpenRead("3f2a-B9");

        Assert.NotNull(read);
        var file = Assert.IsType<FileStream>(read);
        Assert.True(file.IsAsync);
        Assert.Equal(Path.Combine(_directory.Path, "recordings", "3f2a-B9.wav"), file.Name);
        Assert.Equal(Bytes, await ReadAllAsync(read));
    }

    [Fact]
    public void Create_Existing_ThrowsIOException()
    {
        _store.Create("rec-1").Dispose();

        Assert.Throws<IOException>(() => _store.Create("rec-1"));
    }

    [Fact]
    public void OpenRead_Missing_ReturnsNull()
    {
        Assert.Null(_store.OpenRead("missing"));
    }

    [Fact]
    public void Delete_Existing_ThenOpenReadReturnsNull()
    {
        _store.Create("rec-1").Dispose();

        _store.Delete("rec-1");

        Assert.Null(_store.OpenRead("rec-1"));
    }

    [Fact]
    public void Delete_Missing_DoesNothing()
    {
        _store.Delete("missing");
        Directory.Delete(_store.RootDirectory);
        _store.Delete("missing");
    }

    [Fact]
    public async Task OpenRead_WhileAnotherRecordingIsBeingWritten_ReadsFinishedOne()
    {
        await using (var finished = _store.Create("finished"))
        {
            await finished.WriteAsync(Bytes);
        }

        await using var writing = _store.Create("writing");
        await writing.WriteAsync(Bytes.AsMemory(0, 4));
        await using var read = _store.OpenRead("finished");

        Assert.Equal(Bytes, await ReadAllAsync(read!));
        await writing.WriteAsync(Bytes.AsMemory(4));
    }

    [Fact]
    public async Task OpenRead_RecordingStillBeingWritten_SeesFlushedBytes()
    {
        await using var writing = _store.Create("rec-1");
        await writing.WriteAsync(Bytes);
        await writing.FlushAsync();

        await using var read = _store.OpenRead("rec-1");

        Assert.Equal(Bytes, await ReadAllAsync(read!));
    }

    [Fact]
    public async Task Delete_WhileBeingRead_Succeeds()
    {
        await using (var stream = _store.Create("rec-1"))
        {
            await stream.WriteAsync(Bytes);
        }

        await using var read = _store.OpenRead("rec-1");
        _store.Delete("rec-1");

        Assert.Null(_store.OpenRead("rec-1"));
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
