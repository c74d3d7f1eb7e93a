using System.Security.Cryptography;
using System.Text;
using Hark.Graph.Auth;
using Microsoft.Extensions.Options;

namespace Hark.Graph.Tests.Auth;

public sealed class GraphTokenServiceTests : IClassFixture<SigningKeyFixture>
{
    private const string Issuer = "http://127.0.0.1:5080";
    private static readonly DateTimeOffset Start = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private readonly SigningKeyStore _keys;
    private readonly ManualTimeProvider _time = new(Start);
    private readonly GraphAuthOptions _options = new();
    private readonly GraphTokenService _tokens;
    private readonly ApplicationRegistration _app = new() { ClientId = "app-1", ClientSecret = "secret" };

    public GraphTokenServiceTests(SigningKeyFixture fixture)
    {
        _keys = fixture.Keys;
        _tokens = new GraphTokenService(_keys, Options.Create(_options), _time);
    }

    [Fact]
    public void IssueAccessToken_ThenValidate_YieldsApplicationWithAllDefaultRoles()
    {
        var issued = _tokens.IssueAccessToken(_app, Issuer, GraphTokenService.GraphAudience);

        var result = _tokens.ValidateAccessToken(issued.Value, Issuer);

        Assert.True(result.IsValid, result.Error.ToString());
        Assert.Equal("app-1", result.Application!.ClientId);
        Assert.Equal(_options.TenantId, result.Application.TenantId);
        Assert.Equal(GraphRoles.All, result.Application.Roles);
        Assert.Equal(Start.AddHours(1), issued.ExpiresAt);
        Assert.Equal(issued.ExpiresAt, result.Application.ExpiresAt);
    }

    [Fact]
    public void IssueAccessToken_Always_WritesHeaderAndClaimsLikeEntra()
    {
        var app = new ApplicationRegistration { ClientId = "app-2", Roles = [GraphRoles.InitiateAll] };

        var token = _tokens.IssueAccessToken(app, Issuer, Issuer).Value;

        var header = JwtTestHelpers.Header(token);
        Assert.Equal("RS256", header.GetProperty("alg").GetString());
        Assert.Equal("JWT", header.GetProperty("typ").GetString());
        Assert.Equal(_keys.KeyId, header.GetProperty("kid").GetString());
        var claims = JwtTestHelpers.Payload(token);
        Assert.Equal(Issuer, claims.GetProperty("iss").GetString());
        Assert.Equal(Issuer, claims.GetProperty("aud").GetString());
        Assert.Equal("app-2", claims.GetProperty("appid").GetString());
        Assert.Equal("app-2", claims.GetProperty("azp").GetString());
        Assert.Equal("app-2", claims.GetProperty("sub").GetString());
        Assert.Equal(_options.TenantId, claims.GetProperty("tid").GetString());
        Assert.Equal([GraphRoles.InitiateAll], claims.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(Start.ToUnixTimeSeconds(), claims.GetProperty("iat").GetInt64());
        Assert.Equal(Start.ToUnixTimeSeconds(), claims.GetProperty("nbf").GetInt64());
        Assert.Equal(Start.ToUnixTimeSeconds() + 3600, claims.GetProperty("exp").GetInt64());
        Assert.False(string.IsNullOrEmpty(claims.GetProperty("jti").GetString()));
        Assert.True(JwtTestHelpers.VerifyWithJwk(token, _keys.Modulus, _keys.Exponent));
    }

    [Fact]
    public void IssueAccessToken_TwoTokens_HaveDistinctJti()
    {
        var a = JwtTestHelpers.Payload(_tokens.IssueAccessToken(_app, Issuer, Issuer).Value).GetProperty("jti").GetString();
        var b = JwtTestHelpers.Payload(_tokens.IssueAccessToken(_app, Issuer, Issuer).Value).GetProperty("jti").GetString();

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void ValidateAccessToken_FlippedSignatureBit_InvalidSignature()
    {
        var parts = JwtTestHelpers.Split(_tokens.IssueAccessToken(_app, Issuer, Issuer).Value);
        var signature = JwtTestHelpers.FromBase64Url(parts[2]);
        signature[100] ^= 0x01;

        var result = _tokens.ValidateAccessToken(parts[0] + "." + parts[1] + "." + JwtTestHelpers.ToBase64Url(signature), Issuer);

        Assert.Equal(TokenValidationError.InvalidSignature, result.Error);
        Assert.Null(result.Application);
    }

    [Fact]
    public void ValidateAccessToken_PayloadGivenMoreRoles_InvalidSignature()
    {
        var limited = new ApplicationRegistration { ClientId = "app-3", Roles = [GraphRoles.InitiateAll] };
        var parts = JwtTestHelpers.Split(_tokens.IssueAccessToken(limited, Issuer, Issuer).Value);
        var json = Encoding.UTF8.GetString(JwtTestHelpers.FromBase64Url(parts[1]))
            .Replace("\"Calls.Initiate.All\"", "\"Calls.AccessMedia.All\"", StringComparison.Ordinal);

        var result = _tokens.ValidateAccessToken(parts[0] + "." + JwtTestHelpers.Encode(json) + "." + parts[2], Issuer);

        Assert.Equal(TokenValidationError.InvalidSignature, result.Error);
    }

    [Theory]
    [InlineData("none", "")]
    [InlineData("none", "AAAA")]
    [InlineData("RS512", "AAAA")]
    public void ValidateAccessToken_OtherAlgorithm_Rejected(string alg, string signature)
    {
        var payload = JwtTestHelpers.Split(_tokens.IssueAccessToken(_app, Issuer, Issuer).Value)[1];
        var header = JwtTestHelpers.Encode($$"""{"alg":"{{alg}}","typ":"JWT","kid":"{{_keys.KeyId}}"}""");

        var result = _tokens.ValidateAccessToken(header + "." + payload + "." + signature, Issuer);

        Assert.False(result.IsValid);
        Assert.Contains(result.Error, new[] { TokenValidationError.UnsupportedAlgorithm, TokenValidationError.Malformed });
        if (signature.Length > 0)
        {
            Assert.Equal(TokenValidationError.UnsupportedAlgorithm, result.Error);
        }
    }

    [Fact]
    public void ValidateAccessToken_Hs256KeyedWithThePublicKey_UnsupportedAlgorithm()
    {
        // The classic key-confusion forgery: an HMAC keyed with the published RSA key.
        using var rsa = RSA.Create(new RSAParameters
        {
            Modulus = JwtTestHelpers.FromBase64Url(_keys.Modulus),
            Exponent = JwtTestHelpers.FromBase64Url(_keys.Exponent),
        });
        var payload = JwtTestHelpers.Split(_tokens.IssueAccessToken(_app, Issuer, Issuer).Value)[1];
        var header = JwtTestHelpers.Encode($$"""{"alg":"HS256","typ":"JWT","kid":"{{_keys.KeyId}}"}""");
        var forged = header + "." + payload;

        foreach (var secret in new[] { Encoding.ASCII.GetBytes(rsa.ExportSubjectPublicKeyInfoPem()), rsa.ExportSubjectPublicKeyInfo() })
        {
            var mac = HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(forged));
            var result = _tokens.ValidateAccessToken(forged + "." + JwtTestHelpers.ToBase64Url(mac), Issuer);
            Assert.Equal(TokenValidationError.UnsupportedAlgorithm, result.Error);
        }
    }

    [Fact]
    public void ValidateAccessToken_OtherKidSignedWithRightKey_UnknownKey()
    {
        var payload = JwtTestHelpers.Split(_tokens.IssueAccessToken(_app, Issuer, Issuer).Value)[1];
        var signingInput = JwtTestHelpers.Encode("""{"alg":"RS256","typ":"JWT","kid":"someone-else"}""") + "." + payload;
        var token = signingInput + "." + JwtTestHelpers.ToBase64Url(_keys.Sign(Encoding.ASCII.GetBytes(signingInput)));

        Assert.Equal(TokenValidationError.UnknownKey, _tokens.ValidateAccessToken(token, Issuer).Error);
    }

    [Fact]
    public void ValidateAccessToken_RightKidSignedWithOtherKey_InvalidSignature()
    {
        var other = JwtTestHelpers.OtherKey;
        var payload = JwtTestHelpers.Split(_tokens.IssueAccessToken(_app, Issuer, Issuer).Value)[1];
        var signingInput = JwtTestHelpers.Encode($$"""{"alg":"RS256","typ":"JWT","kid":"{{_keys.KeyId}}"}""") + "." + payload;
        var signature = other.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        Assert.Equal(TokenValidationError.InvalidSignature, _tokens.ValidateAccessToken(signingInput + "." + JwtTestHelpers.ToBase64Url(signature), Issuer).Error);
    }

    [Fact]
    public void ValidateAccessToken_OtherIssuer_InvalidIssuer()
    {
        var token = _tokens.IssueAccessToken(_app, Issuer, GraphTokenService.GraphAudience).Value;

        Assert.Equal(TokenValidationError.InvalidIssuer, _tokens.ValidateAccessToken(token, "http://localhost:5080").Error);
    }

    [Fact]
    public void ValidateAccessToken_ForeignAudience_InvalidAudience()
    {
        var token = _tokens.IssueAccessToken(_app, Issuer, "https://management.azure.com").Value;

        Assert.Equal(TokenValidationError.InvalidAudience, _tokens.ValidateAccessToken(token, Issuer).Error);
    }

    [Theory]
    [InlineData(GraphTokenService.GraphAudience)]
    [InlineData(Issuer)]
    public void ValidateAccessToken_EitherAcceptedAudience_Valid(string audience)
    {
        var token = _tokens.IssueAccessToken(_app, Issuer, audience).Value;

        Assert.True(_tokens.ValidateAccessToken(token, Issuer).IsValid);
    }

    [Theory]
    [InlineData(3600 + 59, TokenValidationError.None)] // within the one-minute skew
    [InlineData(3600 + 60, TokenValidationError.Expired)]
    [InlineData(86400, TokenValidationError.Expired)]
    [InlineData(-59, TokenValidationError.None)]
    [InlineData(-61, TokenValidationError.NotYetValid)]
    public void ValidateAccessToken_ClockMoved_LifetimeWithSkew(int seconds, TokenValidationError expected)
    {
        var token = _tokens.IssueAccessToken(_app, Issuer, Issuer).Value;
        _time.Advance(TimeSpan.FromSeconds(seconds));

        Assert.Equal(expected, _tokens.ValidateAccessToken(token, Issuer).Error);
    }

    [Theory]
    [InlineData(null, TokenValidationError.Missing)]
    [InlineData("", TokenValidationError.Missing)]
    [InlineData("abc", TokenValidationError.Malformed)]
    [InlineData("a.b", TokenValidationError.Malformed)]
    [InlineData("a.b.c.d", TokenValidationError.Malformed)]
    [InlineData("..", TokenValidationError.Malformed)]
    [InlineData("e30.e30.AAAA", TokenValidationError.UnsupportedAlgorithm)] // {} header
    [InlineData("bm90IGpzb24.e30.AAAA", TokenValidationError.Malformed)] // "not json"
    public void ValidateAccessToken_Garbage_RejectedWithoutThrowing(string? token, TokenValidationError expected)
    {
        Assert.Equal(expected, _tokens.ValidateAccessToken(token, Issuer).Error);
    }

    [Fact]
    public void ValidateAccessToken_NotificationToken_InvalidAudience()
    {
        var token = _tokens.IssueNotificationToken("app-1", Issuer).Value;

        Assert.Equal(TokenValidationError.InvalidAudience, _tokens.ValidateAccessToken(token, Issuer).Error);
    }

    [Fact]
    public void IssueNotificationToken_ThenValidate_AudienceIsClientIdWithTenant()
    {
        var token = _tokens.IssueNotificationToken("app-1", Issuer).Value;

        var claims = JwtTestHelpers.Payload(token);
        Assert.Equal("app-1", claims.GetProperty("aud").GetString());
        Assert.Equal(Issuer, claims.GetProperty("iss").GetString());
        Assert.Equal(_options.TenantId, claims.GetProperty("tid").GetString());
        Assert.Equal(Start.AddMinutes(15).ToUnixTimeSeconds(), claims.GetProperty("exp").GetInt64());
        Assert.True(_tokens.ValidateNotificationToken(token, Issuer, "app-1").IsValid);
        Assert.Equal(TokenValidationError.InvalidAudience, _tokens.ValidateNotificationToken(token, Issuer, "app-2").Error);
        Assert.True(JwtTestHelpers.VerifyWithJwk(token, _keys.Modulus, _keys.Exponent));
    }

    [Fact]
    public void IssuerFor_ConfiguredBaseUrl_WinsOverRequestAndLosesTrailingSlash()
    {
        var configured = new GraphTokenService(_keys, Options.Create(new GraphAuthOptions { PublicBaseUrl = "https://hark.example.com/" }), _time);
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.Scheme = "http";
        context.Request.Host = new Microsoft.AspNetCore.Http.HostString("127.0.0.1", 5080);

        Assert.Equal("https://hark.example.com", configured.IssuerFor(context.Request));
        Assert.Equal("http://127.0.0.1:5080", _tokens.IssuerFor(context.Request));
    }
}
