using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Hark.Graph.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace Hark.Graph.Tests.Auth;

[Collection(AuthServerCollection.Name)]
public sealed class GraphRequestAuthenticationTests(AuthTestServer server)
{
    [Fact]
    public async Task GuardedRoute_NoToken_401WithBearerChallengeAndGraphError()
    {
        using var response = await server.Client.GetAsync(server.BaseUrl + "/v1.0/media");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Equal("InvalidAuthenticationToken", await ErrorCodeAsync(response));
    }

    [Theory]
    [InlineData("Bearer not-a-jwt")]
    [InlineData("Bearer ")]
    [InlineData("Basic Zm9vOmJhcg==")]
    public async Task GuardedRoute_UnusableAuthorization_401(string authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, server.BaseUrl + "/v1.0/media");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("InvalidAuthenticationToken", await ErrorCodeAsync(response));
    }

    [Fact]
    public async Task GuardedRoute_TokenWithoutRole_403ForbiddenNamingTheRole()
    {
        var token = await server.GetTokenAsync(AuthTestServer.LimitedClientId, AuthTestServer.LimitedSecret);

        using var response = await GetAsync("/v1.0/media", token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(body);
        Assert.Equal("Forbidden", document.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains(GraphRoles.AccessMediaAll, document.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);

        // The one Graph error writer answers: innerError carries the request id the header names.
        var requestId = Assert.Single(response.Headers.GetValues("request-id"));
        Assert.Equal(requestId, document.RootElement.GetProperty("error").GetProperty("innerError").GetProperty("request-id").GetString());
    }

    [Fact]
    public async Task GroupRoute_LimitedTokenNoRoleNeeded_200()
    {
        var token = await server.GetTokenAsync(AuthTestServer.LimitedClientId, AuthTestServer.LimitedSecret);

        using var response = await GetAsync("/v1.0/any", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AuthTestServer.LimitedClientId, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("https://graph.microsoft.com/.default")]
    [InlineData("{base}/.default")]
    public async Task GuardedRoute_TokenWithRole_200WithTheApplication(string scope)
    {
        var token = await server.GetTokenAsync(AuthTestServer.FullClientId, AuthTestServer.FullSecret, scope.Replace("{base}", server.BaseUrl, StringComparison.Ordinal));

        using var response = await GetAsync("/v1.0/media", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AuthTestServer.FullClientId, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GuardedRoute_NotificationToken_401()
    {
        var tokens = server.Services.GetRequiredService<GraphTokenService>();
        var token = tokens.IssueNotificationToken(AuthTestServer.FullClientId, server.BaseUrl).Value;

        using var response = await GetAsync("/v1.0/media", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task GuardedRoute_TokenFromAnotherHostName_401InvalidIssuer()
    {
        var token = await server.GetTokenAsync(AuthTestServer.FullClientId, AuthTestServer.FullSecret);
        var otherHost = server.BaseUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Get, server.BaseUrl + "/v1.0/media");
        request.Headers.Host = new Uri(otherHost).Authority;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("issuer", document.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, server.BaseUrl + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await server.Client.SendAsync(request);
    }

    private static async Task<string?> ErrorCodeAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("error").GetProperty("code").GetString();
    }
}
