using Hark.Graph.Auth;

namespace Hark.Graph.Tests.Auth;

public sealed class DevelopmentApplicationTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hark-devapp-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void LoadOrCreate_TwiceInOneDirectory_CreatesOnceAndReloadsTheSameSecret()
    {
        var first = DevelopmentApplication.LoadOrCreate(_directory, out var created);
        var second = DevelopmentApplication.LoadOrCreate(_directory, out var createdAgain);

        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal(first.ClientId, second.ClientId);
        Assert.Equal(first.ClientSecret, second.ClientSecret);
        Assert.True(first.ClientSecret.Length >= 43, "32 random bytes, base64url");
        Assert.Equal(GraphRoles.All, first.GrantedRoles);
        Assert.Equal(["*"], first.Numbers!);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void LoadOrCreate_NewFile_IsReadableByTheOwnerOnly()
    {
        DevelopmentApplication.LoadOrCreate(_directory, out _);

        var mode = File.GetUnixFileMode(Path.Combine(_directory, DevelopmentApplication.FileName));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"clientId\":\"\",\"clientSecret\":\"x\"}")]
    [InlineData("{\"clientId\":\"a\"}")]
    public void LoadOrCreate_CorruptFile_ThrowsNamingTheFileAndLeavesIt(string content)
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, DevelopmentApplication.FileName);
        File.WriteAllText(path, content);

        var error = Assert.Throws<InvalidDataException>(() => DevelopmentApplication.LoadOrCreate(_directory, out _));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Equal(content, File.ReadAllText(path));
    }
}
