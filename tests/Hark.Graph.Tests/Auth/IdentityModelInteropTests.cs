using Hark.Graph.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Hark.Graph.Tests.Auth;

/// <summary>
/// Hark's tokens checked the way a bot checks them: Microsoft.IdentityModel (already in this project through the
/// Graph SDK) reading Hark's discovery document and JWKS over HTTP.
/// </summary>
[Collection(AuthServerCollection.Name)]
public sealed class IdentityModelInteropTests(AuthTestServer server)
{
    [Fact]
    public async Task NotificationToken_ValidatedByIdentityModelFromDiscovery_CarriesTenant()
    {
        var token = server.Services.GetRequiredService<GraphTokenService>().IssueNotificationToken(AuthTestServer.FullClientId, server.BaseUrl).Value;

        var result = await ValidateAsync(token, AuthTestServer.FullClientId);

        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal(server.Services.GetRequiredService<GraphTokenService>().TenantId, result.Claims["tid"]);
    }

    [Fact]
    public async Task NotificationToken_ForAnotherBot_RejectedByIdentityModel()
    {
        var token = server.Services.GetRequiredService<GraphTokenService>().IssueNotificationToken(AuthTestServer.LimitedClientId, server.BaseUrl).Value;

        var result = await ValidateAsync(token, AuthTestServer.FullClientId);

        Assert.False(result.IsValid);
        Assert.IsType<SecurityTokenInvalidAudienceException>(result.Exception);
    }

    [Fact]
    public async Task AccessToken_FromTokenEndpoint_ValidatedByIdentityModel()
    {
        var token = await server.GetTokenAsync(AuthTestServer.FullClientId, AuthTestServer.FullSecret);

        var result = await ValidateAsync(token, GraphTokenService.GraphAudience);

        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal(AuthTestServer.FullClientId, result.Claims["appid"]);
    }

    private async Task<TokenValidationResult> ValidateAsync(string token, string audience)
    {
        var configuration = await new ConfigurationManager<OpenIdConnectConfiguration>(
            server.BaseUrl + "/.well-known/openid-configuration",
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever(server.Client) { RequireHttps = false }).GetConfigurationAsync(CancellationToken.None);

        return await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = configuration.Issuer,
            ValidAudience = audience,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidAlgorithms = ["RS256"],
        });
    }
}
