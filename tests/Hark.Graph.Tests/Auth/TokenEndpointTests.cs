using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Hark.Graph.Auth;

namespace Hark.Graph.Tests.Auth;

[Collection(AuthServerCollection.Name)]
public sealed class TokenEndpointTests(AuthTestServer server)
{
    private static (string, string) Field(string name, string value) => (name, value);

    [Fact]
    public async Task Token_ClientCredentials_IssuesBearerJwtLikeEntra()
    {
        using var response = await server.RequestTokenAsync(
            Field("grant_type", "client_credentials"), Field("client_id", AuthTestServer.FullClientId),
            Field("client_secret", AuthTestServer.FullSecret), Field("scope", "https://graph.microsoft.com/.default"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        Assert.Equal("Bearer", root.GetProperty("token_type").GetString());
        Assert.Equal(3599, root.GetProperty("expires_in").GetInt32());
        Assert.Equal(3599, root.GetProperty("ext_expires_in").GetInt32());
        var token = root.GetProperty("access_token").GetString()!;
        var claims = JwtTestHelpers.Payload(token);
        Assert.Equal(server.BaseUrl, claims.GetProperty("iss").GetString());
        Assert.Equal("https://graph.microsoft.com", claims.GetProperty("aud").GetString());
        Assert.Equal(AuthTestServer.FullClientId, claims.GetProperty("appid").GetString());
        Assert.Contains(GraphRoles.AccessMediaAll, claims.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(claims.GetProperty("iat").GetInt64() + 3600, claims.GetProperty("exp").GetInt64());
    }

    [Theory]
    [InlineData("{base}/.default")]
    [InlineData("http://127.0.0.1/.default")] // Kiota's default: scheme://host without the port
    [InlineData("00000003-0000-0000-c000-000000000000/.default")]
    [InlineData("openid https://graph.microsoft.com/.default offline_access")]
    public async Task Token_OtherAcceptedScopes_Issued(string scope)
    {
        var token = await server.GetTokenAsync(AuthTestServer.FullClientId, AuthTestServer.FullSecret, scope.Replace("{base}", server.BaseUrl, StringComparison.Ordinal));

        var audience = JwtTestHelpers.Payload(token).GetProperty("aud").GetString();
        Assert.Contains(audience, new[] { server.BaseUrl, "https://graph.microsoft.com" });
    }

    [Theory]
    [InlineData("wrong-secret", AuthTestServer.FullClientId)]
    [InlineData(AuthTestServer.FullSecret, "33333333-aaaa-4bbb-8ccc-000000000003")]
    public async Task Token_BadClient_401InvalidClient(string secret, string clientId)
    {
        using var response = await server.RequestTokenAsync(
            Field("grant_type", "client_credentials"), Field("client_id", clientId), Field("client_secret", secret), Field("scope", "https://graph.microsoft.com/.default"));

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client", 7000215);
    }

    [Fact]
    public async Task Token_UnsupportedGrant_400()
    {
        using var response = await server.RequestTokenAsync(
            Field("grant_type", "password"), Field("client_id", AuthTestServer.FullClientId), Field("client_secret", AuthTestServer.FullSecret), Field("scope", "https://graph.microsoft.com/.default"));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "unsupported_grant_type", 70003);
    }

    [Theory]
    [InlineData("grant_type")]
    [InlineData("client_id")]
    [InlineData("scope")]
    public async Task Token_MissingField_400InvalidRequestNamingIt(string missing)
    {
        var fields = new[]
        {
            Field("grant_type", "client_credentials"), Field("client_id", AuthTestServer.FullClientId),
            Field("client_secret", AuthTestServer.FullSecret), Field("scope", "https://graph.microsoft.com/.default"),
        }.Where(f => f.Item1 != missing).ToArray();

        using var response = await server.RequestTokenAsync(fields);

        var description = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request", 900144);
        Assert.Contains($"'{missing}'", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_MissingSecret_401InvalidClientAsEntra()
    {
        using var response = await server.RequestTokenAsync(
            Field("grant_type", "client_credentials"), Field("client_id", AuthTestServer.FullClientId), Field("scope", "https://graph.microsoft.com/.default"));

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client", 7000218);
    }

    [Theory]
    [InlineData("https://graph.microsoft.com/User.Read")]
    [InlineData("https://management.azure.com/.default")]
    [InlineData("https://graph.microsoft.com/.default https://example.com/.default")]
    [InlineData("openid")]
    public async Task Token_BadScope_400InvalidScope(string scope)
    {
        using var response = await server.RequestTokenAsync(
            Field("grant_type", "client_credentials"), Field("client_id", AuthTestServer.FullClientId), Field("client_secret", AuthTestServer.FullSecret), Field("scope", scope));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_scope", 1002012);
    }

    [Fact]
    public async Task Token_JsonBody_400InvalidRequest()
    {
        using var content = new StringContent("""{"grant_type":"client_credentials"}""", Encoding.UTF8, "application/json");
        using var response = await server.Client.PostAsync(server.BaseUrl + "/common/oauth2/v2.0/token", content);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request", 900144);
    }

    [Fact]
    public async Task Token_BasicAuthWithFormEncodedSecret_Issued()
    {
        using var request = BasicRequest(AuthTestServer.LimitedClientId, AuthTestServer.LimitedSecret);

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var claims = JwtTestHelpers.Payload(body.RootElement.GetProperty("access_token").GetString()!);
        Assert.Equal(AuthTestServer.LimitedClientId, claims.GetProperty("appid").GetString());
        Assert.Equal([GraphRoles.InitiateAll], claims.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Token_BasicAuthWrongSecret_401WithBasicChallenge()
    {
        using var request = BasicRequest(AuthTestServer.LimitedClientId, "nope");

        using var response = await server.Client.SendAsync(request);

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client", 7000215);
        Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task OpenIdConfiguration_BothPaths_PointAtWorkingTokenAndKeyEndpoints()
    {
        foreach (var (path, tenant) in new[] { ("/.well-known/openid-configuration", (string?)null), ("/contoso.example/v2.0/.well-known/openid-configuration", "contoso.example") })
        {
            using var document = JsonDocument.Parse(await server.Client.GetStringAsync(server.BaseUrl + path));
            var root = document.RootElement;
            Assert.Equal(server.BaseUrl, root.GetProperty("issuer").GetString());
            Assert.Equal(["RS256"], root.GetProperty("id_token_signing_alg_values_supported").EnumerateArray().Select(a => a.GetString()));
            var tokenEndpoint = root.GetProperty("token_endpoint").GetString()!;
            Assert.StartsWith(server.BaseUrl + "/", tokenEndpoint, StringComparison.Ordinal);
            Assert.EndsWith("/oauth2/v2.0/token", tokenEndpoint, StringComparison.Ordinal);
            if (tenant is not null)
            {
                Assert.Equal($"{server.BaseUrl}/{tenant}/oauth2/v2.0/token", tokenEndpoint);
            }

            using var tokenResponse = await server.Client.PostAsync(tokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = AuthTestServer.FullClientId,
                ["client_secret"] = AuthTestServer.FullSecret, ["scope"] = "https://graph.microsoft.com/.default",
            }));
            Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);

            using var keys = JsonDocument.Parse(await server.Client.GetStringAsync(root.GetProperty("jwks_uri").GetString()));
            Assert.Single(keys.RootElement.GetProperty("keys").EnumerateArray());
        }
    }

    [Fact]
    public async Task Jwks_PublishedKey_VerifiesAnIssuedTokenIndependently()
    {
        var token = await server.GetTokenAsync(AuthTestServer.FullClientId, AuthTestServer.FullSecret);
        using var document = JsonDocument.Parse(await server.Client.GetStringAsync(server.BaseUrl + "/discovery/v2.0/keys"));

        var key = Assert.Single(document.RootElement.GetProperty("keys").EnumerateArray());
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal("sig", key.GetProperty("use").GetString());
        Assert.Equal("RS256", key.GetProperty("alg").GetString());
        var n = key.GetProperty("n").GetString()!;
        var e = key.GetProperty("e").GetString()!;
        Assert.Equal(JwtTestHelpers.Header(token).GetProperty("kid").GetString(), key.GetProperty("kid").GetString());
        Assert.Equal(JwtTestHelpers.Rfc7638Thumbprint(n, e), key.GetProperty("kid").GetString());
        Assert.True(JwtTestHelpers.VerifyWithJwk(token, n, e));

        var parts = JwtTestHelpers.Split(token);
        var forged = parts[0] + "." + JwtTestHelpers.Encode("""{"appid":"x"}""") + "." + parts[2];
        Assert.False(JwtTestHelpers.VerifyWithJwk(forged, n, e));
    }

    private HttpRequestMessage BasicRequest(string clientId, string secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, server.BaseUrl + "/common/oauth2/v2.0/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["scope"] = "https://graph.microsoft.com/.default",
            }),
        };

        // RFC 6749 §2.3.1: each part form-urlencoded, then base64.
        var credentials = Uri.EscapeDataString(clientId) + ":" + Uri.EscapeDataString(secret);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        return request;
    }

    private static async Task<string> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error, int code)
    {
        Assert.Equal(status, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        Assert.Equal(error, root.GetProperty("error").GetString());
        Assert.Equal([code], root.GetProperty("error_codes").EnumerateArray().Select(c => c.GetInt32()));
        var description = root.GetProperty("error_description").GetString()!;
        Assert.StartsWith($"AADSTS{code}:", description, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(root.GetProperty("trace_id").GetString()));
        return description;
    }
}
