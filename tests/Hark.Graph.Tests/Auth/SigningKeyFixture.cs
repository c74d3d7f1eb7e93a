using Hark.Graph.Auth;

namespace Hark.Graph.Tests.Auth;

/// <summary>One generated key per test class: RSA 2048 generation costs tens to hundreds of milliseconds.</summary>
public sealed class SigningKeyFixture : IDisposable
{
    private readonly TempDirectory _dir = new();

    public SigningKeyFixture()
    {
        Keys = SigningKeyStore.LoadOrCreate(_dir.Path);
    }

    public SigningKeyStore Keys { get; }

    public void Dispose()
    {
        Keys.Dispose();
        _dir.Dispose();
    }
}
