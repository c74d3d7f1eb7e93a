using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Hark.Samples.Voicemail;

/// <summary>
/// Checks the bearer token on each notification: signed by a key from the platform's OpenID configuration,
/// issued by it, for this bot's client id, not expired. (Microsoft.IdentityModel comes with the Graph SDK.)
/// </summary>
public sealed class NotificationValidator
{
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _configuration;
    private readonly JsonWebTokenHandler _handler = new();
    private readonly string _issuer;
    private readonly string _audience;

    public NotificationValidator(HttpClient http, VoicemailBotOptions options)
    {
        var authority = options.Authority.ToString().TrimEnd('/');
        var url = options.OpenIdConfigurationUrl ?? new Uri(authority + "/.well-known/openid-configuration");
        _configuration = new ConfigurationManager<OpenIdConnectConfiguration>(
            url.ToString(),
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever(http) { RequireHttps = url.Scheme == Uri.UriSchemeHttps });
        _issuer = options.NotificationIssuer ?? authority;
        _audience = options.ClientId;
    }

    /// <summary>True when the Authorization header carries a valid notification token.</summary>
    public async Task<bool> IsValidAsync(string? authorization, CancellationToken cancellationToken)
    {
        const string prefix = "Bearer ";
        if (authorization is null || !authorization.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var configuration = await _configuration.GetConfigurationAsync(cancellationToken);
        var result = await _handler.ValidateTokenAsync(authorization[prefix.Length..], new TokenValidationParameters
        {
            ValidIssuers = [_issuer, _issuer + "/"],
            ValidAudience = _audience,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidateLifetime = true,
        });
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // Keys rotated: fetch them again next time.
            _configuration.RequestRefresh();
        }

        return result.IsValid;
    }
}
