using System.Text.Json;
using Microsoft.Kiota.Abstractions.Authentication;

namespace Hark.Samples.Voicemail;

/// <summary>
/// OAuth2 client credentials against {authority}/{tenant}/oauth2/v2.0/token, cached until shortly before
/// expiry. Plain HTTP so it also works against a loopback Hark (MSAL insists on https authorities).
/// </summary>
public sealed class ClientCredentialsTokenProvider(HttpClient http, VoicemailBotOptions options, TimeProvider time) : IAccessTokenProvider, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTimeOffset _refreshAt;

    public AllowedHostsValidator AllowedHostsValidator { get; } = new([(options.GraphBaseUrl ?? options.Authority).Host]);

    public async Task<string> GetAuthorizationTokenAsync(
        Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
    {
        if (!AllowedHostsValidator.IsUrlHostValid(uri))
        {
            return string.Empty;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_token is null || time.GetUtcNow() >= _refreshAt)
            {
                await RefreshAsync(cancellationToken);
            }

            return _token!;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var authority = options.Authority.ToString().TrimEnd('/');
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = options.ClientId,
            ["client_secret"] = options.ClientSecret,
            ["scope"] = $"{(options.GraphBaseUrl ?? options.Authority).GetLeftPart(UriPartial.Authority)}/.default",
        });
        using var response = await http.PostAsync(new Uri($"{authority}/{options.Tenant}/oauth2/v2.0/token"), form, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        _token = body.RootElement.GetProperty("access_token").GetString();
        var lifetime = body.RootElement.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var seconds) ? seconds : 3600;

        // Refresh at 80 % of the lifetime so a call never starts with a token about to expire.
        _refreshAt = time.GetUtcNow().AddSeconds(lifetime * 0.8);
    }
}
