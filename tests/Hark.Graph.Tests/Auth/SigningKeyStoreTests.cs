using System.Security.Cryptography;
using Hark.Graph.Auth;

namespace Hark.Graph.Tests.Auth;

public sealed class SigningKeyStoreTests
{
    [Fact]
    public void LoadOrCreate_EmptyDirectory_WritesPrivatePemWithRfc7638KeyId()
    {
        using var dir = new TempDirectory();
        using var store = SigningKeyStore.LoadOrCreate(Path.Combine(dir.Path, "keys"));

        var path = Path.Combine(dir.Path, "keys", SigningKeyStore.FileName);
        Assert.Equal(path, store.FilePath);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Equal(JwtTestHelpers.Rfc7638Thumbprint(store.Modulus, store.Exponent), store.KeyId);
        Assert.Equal(256, JwtTestHelpers.FromBase64Url(store.Modulus).Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        Assert.Single(Directory.GetFiles(Path.Combine(dir.Path, "keys")));
    }

    [Fact]
    public void LoadOrCreate_ExistingKey_ReloadsSameKeyAndItsTokensStillValidate()
    {
        using var dir = new TempDirectory();
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch.AddYears(55));
        string keyId;
        string token;
        using (var first = SigningKeyStore.LoadOrCreate(dir.Path))
        {
            keyId = first.KeyId;
            token = new RecordingAccessTokens(first, Microsoft.Extensions.Options.Options.Create(new GraphAuthOptions()), time).Issue("rec-1").Value;
        }

        using var second = SigningKeyStore.LoadOrCreate(dir.Path);

        Assert.Equal(keyId, second.KeyId);
        var tokens = new RecordingAccessTokens(second, Microsoft.Extensions.Options.Options.Create(new GraphAuthOptions()), time);
        Assert.Equal(TokenValidationError.None, tokens.Validate(token, "rec-1"));
    }

    [Fact]
    public void LoadOrCreate_TwoDirectories_DifferentKeys()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        using var first = SigningKeyStore.LoadOrCreate(a.Path);
        using var second = SigningKeyStore.LoadOrCreate(b.Path);

        Assert.NotEqual(first.KeyId, second.KeyId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a pem at all")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nAAAAAAAA\n-----END PRIVATE KEY-----\n")]
    public void LoadOrCreate_CorruptFile_ThrowsInvalidDataNamingTheFile(string content)
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, SigningKeyStore.FileName);
        File.WriteAllText(path, content);

        var ex = Assert.Throws<InvalidDataException>(() => SigningKeyStore.LoadOrCreate(dir.Path));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Equal(content, File.ReadAllText(path)); // never overwritten
    }

    [Fact]
    public void LoadOrCreate_PublicKeyOnly_ThrowsInvalidData()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(Path.Combine(dir.Path, SigningKeyStore.FileName), JwtTestHelpers.OtherKey.ExportSubjectPublicKeyInfoPem());

        Assert.Throws<InvalidDataException>(() => SigningKeyStore.LoadOrCreate(dir.Path));
    }

    [Fact]
    public void LoadOrCreate_ShortKey_ThrowsInvalidData()
    {
        using var dir = new TempDirectory();
        using var rsa = RSA.Create(1024);
        File.WriteAllText(Path.Combine(dir.Path, SigningKeyStore.FileName), rsa.ExportPkcs8PrivateKeyPem());

        var ex = Assert.Throws<InvalidDataException>(() => SigningKeyStore.LoadOrCreate(dir.Path));
        Assert.Contains("1024", ex.Message, StringComparison.Ordinal);
    }
}
