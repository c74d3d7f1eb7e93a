using Hark.Graph.Auth;
using Microsoft.Extensions.Options;

namespace Hark.Graph.Tests.Auth;

public sealed class RecordingAccessTokensTests : IClassFixture<SigningKeyFixture>
{
    private readonly SigningKeyStore _keys;
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.Zero));
    private readonly RecordingAccessTokens _tokens;

    public RecordingAccessTokensTests(SigningKeyFixture fixture)
    {
        _keys = fixture.Keys;
        _tokens = new RecordingAccessTokens(_keys, Options.Create(new GraphAuthOptions()), _time);
    }

    [Fact]
    public void Validate_SameRecording_Accepted()
    {
        var token = _tokens.Issue("rec-a");

        Assert.Equal(TokenValidationError.None, _tokens.Validate(token.Value, "rec-a"));
        Assert.Equal(_time.Now.AddHours(1), token.ExpiresAt);
    }

    [Fact]
    public void Validate_OtherRecording_WrongRecording()
    {
        var token = _tokens.Issue("rec-a").Value;

        Assert.Equal(TokenValidationError.WrongRecording, _tokens.Validate(token, "rec-b"));
    }

    [Fact]
    public void Validate_AfterDefaultHourPlusSkew_Expired()
    {
        var token = _tokens.Issue("rec-a").Value;
        _time.Advance(TimeSpan.FromMinutes(61));

        Assert.Equal(TokenValidationError.Expired, _tokens.Validate(token, "rec-a"));
    }

    [Fact]
    public void Validate_CustomLifetime_HonouredInBothDirections()
    {
        var token = _tokens.Issue("rec-a", TimeSpan.FromMinutes(5)).Value;
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(TokenValidationError.None, _tokens.Validate(token, "rec-a")); // inside the skew

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(TokenValidationError.Expired, _tokens.Validate(token, "rec-a"));
    }

    [Fact]
    public void Validate_AccessToken_IsNotARecordingToken()
    {
        var graph = new GraphTokenService(_keys, Options.Create(new GraphAuthOptions()), _time);
        var access = graph.IssueAccessToken(new ApplicationRegistration { ClientId = "rec-a" }, RecordingAccessTokens.Issuer, RecordingAccessTokens.Audience).Value;

        // Even an access token forced onto the recording audience lacks the rec claim.
        Assert.NotEqual(TokenValidationError.None, _tokens.Validate(access, "rec-a"));
    }

    [Fact]
    public void RecordingToken_PresentedAsAccessToken_Rejected()
    {
        var graph = new GraphTokenService(_keys, Options.Create(new GraphAuthOptions()), _time);
        var token = _tokens.Issue("rec-a").Value;

        Assert.False(graph.ValidateAccessToken(token, RecordingAccessTokens.Issuer).IsValid);
    }

    [Fact]
    public void Validate_TamperedRecordingClaim_InvalidSignature()
    {
        var parts = JwtTestHelpers.Split(_tokens.Issue("rec-a").Value);
        var json = System.Text.Encoding.UTF8.GetString(JwtTestHelpers.FromBase64Url(parts[1])).Replace("rec-a", "rec-b", StringComparison.Ordinal);

        Assert.Equal(TokenValidationError.InvalidSignature, _tokens.Validate(parts[0] + "." + JwtTestHelpers.Encode(json) + "." + parts[2], "rec-b"));
    }
}
