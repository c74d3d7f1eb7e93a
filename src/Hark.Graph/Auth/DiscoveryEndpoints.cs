using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Hark.Graph.Auth;

/// <summary>The OpenID Connect discovery document and the JWKS, for token clients and webhook validators alike.</summary>
internal static class DiscoveryEndpoints
{
    public static Task OpenIdConfigurationAsync(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<GraphTokenService>();
        var issuer = tokens.IssuerFor(context.Request);

        // The tenant-less document names Hark's own tenant; the tenant one echoes the tenant asked for.
        var tenant = context.Request.RouteValues.TryGetValue("tenant", out var value) && value is string asked
            ? Uri.EscapeDataString(asked)
            : tokens.TenantId;
        var document = new OpenIdConfiguration
        {
            Issuer = issuer,
            JwksUri = issuer + "/discovery/v2.0/keys",
            TokenEndpoint = issuer + "/" + tenant + "/oauth2/v2.0/token",
            AuthorizationEndpoint = issuer + "/" + tenant + "/oauth2/v2.0/authorize",
            TenantId = tokens.TenantId,
        };
        return TypedResults.Json(document, AuthJsonContext.Default.OpenIdConfiguration).ExecuteAsync(context);
    }

    public static Task KeysAsync(HttpContext context)
    {
        var keys = context.RequestServices.GetRequiredService<SigningKeyStore>();
        return TypedResults.Json(new JsonWebKeySet([JsonWebKey.From(keys)]), AuthJsonContext.Default.JsonWebKeySet).ExecuteAsync(context);
    }
}
