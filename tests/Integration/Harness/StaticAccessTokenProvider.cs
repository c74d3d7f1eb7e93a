using Microsoft.Kiota.Abstractions.Authentication;

namespace Hark.Integration.Harness;

/// <summary>Hands Kiota a token obtained beforehand (production bots plug Azure.Identity in here).</summary>
public sealed class StaticAccessTokenProvider(string token, Uri host) : IAccessTokenProvider
{
    public AllowedHostsValidator AllowedHostsValidator { get; } = new([host.Host]);

    public Task<string> GetAuthorizationTokenAsync(
        Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(AllowedHostsValidator.IsUrlHostValid(uri) ? token : string.Empty);
}
