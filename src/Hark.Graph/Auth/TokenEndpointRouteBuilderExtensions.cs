using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Hark.Graph.Auth;

public static class TokenEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the identity-platform look-alike: <c>POST /{tenant}/oauth2/v2.0/token</c>,
    /// <c>GET /.well-known/openid-configuration</c>, <c>GET /{tenant}/v2.0/.well-known/openid-configuration</c>,
    /// and the JWKS at <c>GET /discovery/v2.0/keys</c> (also <c>/{tenant}/discovery/v2.0/keys</c>). All anonymous.
    /// </summary>
    public static IEndpointRouteBuilder MapHarkTokenEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/{tenant}/oauth2/v2.0/token", TokenEndpoint.HandleAsync).DisableAntiforgery();
        endpoints.MapGet("/.well-known/openid-configuration", DiscoveryEndpoints.OpenIdConfigurationAsync);
        endpoints.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", DiscoveryEndpoints.OpenIdConfigurationAsync);
        endpoints.MapGet("/discovery/v2.0/keys", DiscoveryEndpoints.KeysAsync);
        endpoints.MapGet("/{tenant}/discovery/v2.0/keys", DiscoveryEndpoints.KeysAsync);
        return endpoints;
    }
}
