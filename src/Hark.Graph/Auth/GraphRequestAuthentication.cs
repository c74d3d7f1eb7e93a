using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace Hark.Graph.Auth;

/// <summary>Checks a Graph request's <c>Authorization: Bearer</c> token and the roles the route needs.</summary>
public static class GraphRequestAuthentication
{
    private const string BearerPrefix = "Bearer ";

    /// <summary>
    /// The authenticated application, or the failure to send. <paramref name="anyOfRoles"/>: the token needs at
    /// least one of them (empty: any valid token). On success the application is stored for
    /// <see cref="GetGraphApplication"/>; on 401 the <c>WWW-Authenticate</c> header is set.
    /// </summary>
    public static (AuthenticatedApplication? Application, GraphAuthFailure? Failure) Authenticate(
        HttpContext context, IReadOnlyList<string> anyOfRoles)
    {
        ArgumentNullException.ThrowIfNull(context);
        var application = context.GetGraphApplication();
        if (application is null)
        {
            var tokens = context.RequestServices.GetRequiredService<GraphTokenService>();
            var result = tokens.ValidateAccessToken(ReadBearer(context.Request), tokens.IssuerFor(context.Request));
            if (!result.IsValid)
            {
                context.Response.Headers.WWWAuthenticate = result.Error == TokenValidationError.Missing
                    ? "Bearer realm=\"hark\""
                    : "Bearer realm=\"hark\", error=\"invalid_token\"";
                return (null, new GraphAuthFailure(StatusCodes.Status401Unauthorized, "InvalidAuthenticationToken", Describe(result.Error), result.Error));
            }

            // A token outlives its application's configuration: one of an application removed since (even before a
            // restart, as the signing key persists) is refused, and roles taken away since no longer count.
            var registration = context.RequestServices.GetRequiredService<IApplicationDirectory>().Find(result.Application!.ClientId);
            if (registration is null)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer realm=\"hark\", error=\"invalid_token\"";
                return (null, new GraphAuthFailure(
                    StatusCodes.Status401Unauthorized, "InvalidAuthenticationToken", Describe(TokenValidationError.UnknownApplication), TokenValidationError.UnknownApplication));
            }

            application = result.Application with { Roles = [.. result.Application.Roles.Intersect(registration.GrantedRoles, StringComparer.Ordinal)] };
            context.Items[typeof(AuthenticatedApplication)] = application;
        }

        if (anyOfRoles.Count == 0)
        {
            return (application, null);
        }

        foreach (var role in anyOfRoles)
        {
            if (application.HasRole(role))
            {
                return (application, null);
            }
        }

        return (null, new GraphAuthFailure(
            StatusCodes.Status403Forbidden,
            "Forbidden",
            "Insufficient privileges to complete the operation. The application needs one of these permissions: " + string.Join(", ", anyOfRoles) + ".",
            TokenValidationError.None));
    }

    /// <summary>The application authenticated earlier in this request, or null.</summary>
    public static AuthenticatedApplication? GetGraphApplication(this HttpContext context) =>
        context.Items.TryGetValue(typeof(AuthenticatedApplication), out var value) ? value as AuthenticatedApplication : null;

    private static string? ReadBearer(HttpRequest request)
    {
        var header = request.Headers[HeaderNames.Authorization];
        if (header.Count != 1 || header[0] is not { } value || !value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = value.AsSpan(BearerPrefix.Length).Trim();
        return token.IsEmpty ? null : token.ToString();
    }

    // Graph's own wording where it has one.
    private static string Describe(TokenValidationError error) => error switch
    {
        TokenValidationError.Missing => "Access token is empty.",
        TokenValidationError.Malformed => "Access token validation failure. The token is not a well-formed JWT.",
        TokenValidationError.UnsupportedAlgorithm => "Access token validation failure. Only RS256 tokens are accepted.",
        TokenValidationError.UnknownKey => "Access token validation failure. The signing key is unknown.",
        TokenValidationError.InvalidSignature => "Access token validation failure. Invalid signature.",
        TokenValidationError.InvalidIssuer => "Access token validation failure. Invalid issuer (get tokens from this server's base URL, or set Hark:PublicBaseUrl).",
        TokenValidationError.InvalidAudience => "Access token validation failure. Invalid audience.",
        TokenValidationError.Expired => "Lifetime validation failed, the token is expired.",
        TokenValidationError.NotYetValid => "Lifetime validation failed, the token is not yet valid.",
        TokenValidationError.UnknownApplication => "Access token validation failure. The application is no longer configured on this server.",
        _ => "Access token validation failure.",
    };
}
