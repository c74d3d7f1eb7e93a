using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Hark.Graph.Auth;

public static class GraphAuthEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Requires a valid Hark access token holding at least one of <paramref name="anyOfRoles"/> (none listed: any
    /// valid token). 401 without a valid token, 403 without the role; both through <see cref="IGraphAuthErrorWriter"/>.
    /// Works on a route group too; nested uses validate the token once per request.
    /// </summary>
    public static TBuilder RequireGraphRole<TBuilder>(this TBuilder builder, params string[] anyOfRoles)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new GraphAuthorizationFilter(anyOfRoles));
}
