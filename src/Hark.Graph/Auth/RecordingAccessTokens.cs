using Microsoft.Extensions.Options;

namespace Hark.Graph.Auth;

/// <summary>
/// The <c>recordingAccessToken</c> handed out with a recording: an RS256 JWT whose <c>rec</c> claim names the
/// one recording it opens and whose audience (<see cref="Audience"/>) no other Hark token uses. A JWT rather than
/// an HMAC token so it reuses the persisted signing key and survives restarts with no second secret.
/// Bots treat it as opaque.
/// </summary>
public sealed class RecordingAccessTokens
{
    public const string Audience = "urn:hark:recording";
    public const string Issuer = "urn:hark";

    private readonly JwtCodec _codec;
    private readonly GraphAuthOptions _options;

    public RecordingAccessTokens(SigningKeyStore keys, IOptions<GraphAuthOptions> options, TimeProvider time)
    {
        _codec = new JwtCodec(keys, time);
        _options = options.Value;
    }

    /// <summary>A token for <paramref name="recordingId"/>, valid for <paramref name="lifetime"/> or the configured default (1 h).</summary>
    public IssuedToken Issue(string recordingId, TimeSpan? lifetime = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(recordingId);
        var now = DateTimeOffset.FromUnixTimeSeconds(_codec.Time.GetUtcNow().ToUnixTimeSeconds());
        var expires = now + (lifetime ?? _options.RecordingTokenLifetime);
        var payload = new JwtPayload
        {
            Iss = Issuer,
            Aud = Audience,
            Rec = recordingId,
            Iat = now.ToUnixTimeSeconds(),
            Nbf = now.ToUnixTimeSeconds(),
            Exp = expires.ToUnixTimeSeconds(),
            Jti = Guid.NewGuid().ToString("N"),
        };
        return new IssuedToken(_codec.Create(payload), expires);
    }

    /// <summary><see cref="TokenValidationError.None"/> when the token is genuine, unexpired and for this recording.</summary>
    public TokenValidationError Validate(string? token, string recordingId)
    {
        var parameters = new JwtValidationParameters([Issuer], [Audience], _options.ClockSkew);
        var error = _codec.Validate(token, parameters, out var payload);
        if (error != TokenValidationError.None)
        {
            return error;
        }

        return string.Equals(payload!.Rec, recordingId, StringComparison.Ordinal)
            ? TokenValidationError.None
            : TokenValidationError.WrongRecording;
    }
}
