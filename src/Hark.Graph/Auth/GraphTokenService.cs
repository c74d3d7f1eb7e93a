using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Hark.Graph.Auth;

/// <summary>
/// Issues and checks the two kinds of application JWTs: access tokens for the Graph routes and the
/// tokens Hark puts on webhook notifications. Both are RS256 with the <see cref="SigningKeyStore"/> key.
/// </summary>
public sealed class GraphTokenService
{
    /// <summary>The audience a token for Microsoft Graph carries; Hark accepts it as its own.</summary>
    public const string GraphAudience = "https://graph.microsoft.com";

    private readonly JwtCodec _codec;
    private readonly GraphAuthOptions _options;

    public GraphTokenService(SigningKeyStore keys, IOptions<GraphAuthOptions> options, TimeProvider time)
    {
        _codec = new JwtCodec(keys, time);
        _options = options.Value;
    }

    public string TenantId => _options.TenantId;

    /// <summary>The configured public base URL as an issuer, or null when issuers follow the request.</summary>
    public string? ConfiguredIssuer => NormalizeIssuer(_options.PublicBaseUrl);

    /// <summary>Hark's issuer as seen by this request: the public base URL, else scheme://host/pathbase, no trailing slash.</summary>
    public string IssuerFor(HttpRequest request) =>
        ConfiguredIssuer ?? NormalizeIssuer(request.Scheme + "://" + request.Host.Value + request.PathBase.Value)!;

    /// <summary>Audiences accepted on access tokens: Graph's own, and Hark's issuer URL.</summary>
    public static IReadOnlyList<string> AccessTokenAudiences(string issuer) => [GraphAudience, issuer];

    public IssuedToken IssueAccessToken(ApplicationRegistration application, string issuer, string audience)
    {
        ArgumentNullException.ThrowIfNull(application);
        var (now, expires) = Window(_options.AccessTokenLifetime);
        var payload = new JwtPayload
        {
            Iss = issuer,
            Aud = audience,
            Sub = application.ClientId,
            AppId = application.ClientId,
            Azp = application.ClientId,
            Tid = _options.TenantId,
            Roles = [.. application.GrantedRoles],
            Iat = now.ToUnixTimeSeconds(),
            Nbf = now.ToUnixTimeSeconds(),
            Exp = expires.ToUnixTimeSeconds(),
            Jti = Guid.NewGuid().ToString("N"),
        };
        return new IssuedToken(_codec.Create(payload), expires);
    }

    public TokenValidationOutcome ValidateAccessToken(string? token, string issuer)
    {
        var parameters = new JwtValidationParameters([issuer], AccessTokenAudiences(issuer), _options.ClockSkew);
        var error = _codec.Validate(token, parameters, out var payload);
        if (error != TokenValidationError.None)
        {
            return TokenValidationOutcome.Failure(error);
        }

        // A signed token without an application (a recording token, say) is not an access token.
        var clientId = payload!.AppId ?? payload.Azp;
        if (clientId is null || payload.Tid is null || payload.Rec is not null)
        {
            return TokenValidationOutcome.Failure(TokenValidationError.MissingClaim);
        }

        return TokenValidationOutcome.Success(new AuthenticatedApplication(
            clientId, payload.Tid, payload.Roles ?? [], payload.Jti ?? "", DateTimeOffset.FromUnixTimeSeconds(payload.Exp!.Value)));
    }

    /// <summary>
    /// The bearer token for a notification POST: iss = Hark, aud = the application's client id, tid, and
    /// <c>body_sha256</c> (base64url SHA-256 of the UTF-8 <paramref name="body"/>), so a captured token cannot be
    /// replayed with another body.
    /// </summary>
    public IssuedToken IssueNotificationToken(string clientId, string issuer, string? body = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        var (now, expires) = Window(_options.NotificationTokenLifetime);
        var payload = new JwtPayload
        {
            Iss = issuer,
            Aud = clientId,
            Tid = _options.TenantId,
            BodySha256 = body is null ? null : BodyHash(body),
            Iat = now.ToUnixTimeSeconds(),
            Nbf = now.ToUnixTimeSeconds(),
            Exp = expires.ToUnixTimeSeconds(),
            Jti = Guid.NewGuid().ToString("N"),
        };
        return new IssuedToken(_codec.Create(payload), expires);
    }

    /// <summary>What a bot does with a notification token (tests and samples use it); with <paramref name="body"/>, its hash must match.</summary>
    public TokenValidationOutcome ValidateNotificationToken(string? token, string issuer, string clientId, string? body = null)
    {
        var parameters = new JwtValidationParameters([issuer], [clientId], _options.ClockSkew);
        var error = _codec.Validate(token, parameters, out var payload);
        if (error != TokenValidationError.None)
        {
            return TokenValidationOutcome.Failure(error);
        }

        if (payload!.Tid is null)
        {
            return TokenValidationOutcome.Failure(TokenValidationError.MissingClaim);
        }

        if (body is not null && !string.Equals(payload.BodySha256, BodyHash(body), StringComparison.Ordinal))
        {
            return TokenValidationOutcome.Failure(TokenValidationError.BodyMismatch);
        }

        return TokenValidationOutcome.Success(new AuthenticatedApplication(
            clientId, payload.Tid, [], payload.Jti ?? "", DateTimeOffset.FromUnixTimeSeconds(payload.Exp!.Value)));
    }

    /// <summary>base64url (no padding) of the SHA-256 of the body's UTF-8 bytes: the <c>body_sha256</c> claim.</summary>
    public static string BodyHash(string body) =>
        Base64Url.Encode(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(body)));

    internal static string? NormalizeIssuer(string? baseUrl) =>
        string.IsNullOrWhiteSpace(baseUrl) ? null : baseUrl.Trim().TrimEnd('/');

    private (DateTimeOffset Now, DateTimeOffset Expires) Window(TimeSpan lifetime)
    {
        // Whole seconds, so ExpiresAt equals what the exp claim says.
        var now = DateTimeOffset.FromUnixTimeSeconds(_codec.Time.GetUtcNow().ToUnixTimeSeconds());
        return (now, now + lifetime);
    }
}
