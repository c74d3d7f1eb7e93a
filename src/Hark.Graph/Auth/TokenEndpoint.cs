using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Hark.Graph.Auth;

/// <summary>
/// <c>POST /{tenant}/oauth2/v2.0/token</c>, client credentials only, answering like the Microsoft identity
/// platform: same fields, error names, HTTP statuses and AADSTS numbers.
/// </summary>
internal static class TokenEndpoint
{
    private const string GraphAppId = "00000003-0000-0000-c000-000000000000";
    private const string DefaultScopeSuffix = "/.default";

    public static async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var outcome = await IssueAsync(context, services.GetRequiredService<IApplicationDirectory>(), services.GetRequiredService<GraphTokenService>());
        var response = context.Response;

        // RFC 6749 §5.1: token responses must not be cached.
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
        await outcome.ExecuteAsync(context);
    }

    private static async Task<IResult> IssueAsync(HttpContext context, IApplicationDirectory applications, GraphTokenService tokens)
    {
        var request = context.Request;
        if (!request.HasFormContentType)
        {
            return Error(context, 400, "invalid_request", 900144, "The request body must be application/x-www-form-urlencoded and contain the parameter 'grant_type'.");
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(context.RequestAborted);
        }
        catch (InvalidDataException)
        {
            return Error(context, 400, "invalid_request", 900144, "The request body could not be read as a form.");
        }

        if (!TrySingle(form, "grant_type", out var grantType) || !TrySingle(form, "client_id", out var formClientId)
            || !TrySingle(form, "client_secret", out var formSecret) || !TrySingle(form, "scope", out var scope))
        {
            return Error(context, 400, "invalid_request", 90015, "A request parameter was given more than once.");
        }

        if (grantType is null)
        {
            return Missing(context, "grant_type");
        }

        if (!string.Equals(grantType, "client_credentials", StringComparison.Ordinal))
        {
            return Error(context, 400, "unsupported_grant_type", 70003, $"The app requested an unsupported grant type '{grantType}'. Only client_credentials is supported.");
        }

        var basic = ParseBasic(request);
        if (basic.Malformed)
        {
            return Error(context, 401, "invalid_client", 7000215, "The Basic authorization header is malformed.", basicUsed: true);
        }

        if (basic.ClientId is not null && formClientId is not null && !string.Equals(basic.ClientId, formClientId, StringComparison.Ordinal))
        {
            return Error(context, 400, "invalid_request", 90014, "client_id in the body does not match the Basic authorization header.");
        }

        var clientId = basic.ClientId ?? formClientId;
        if (string.IsNullOrEmpty(clientId))
        {
            return Missing(context, "client_id");
        }

        if (string.IsNullOrEmpty(scope))
        {
            return Missing(context, "scope");
        }

        if (basic.Secret is not null && formSecret is not null)
        {
            return Error(context, 400, "invalid_request", 90014, "Use one client authentication method: the Basic header or client_secret, not both.");
        }

        var secret = basic.Secret ?? formSecret;
        if (string.IsNullOrEmpty(secret))
        {
            return Error(context, 401, "invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
        }

        if (!applications.TryAuthenticate(clientId, secret, out var application))
        {
            return Error(context, 401, "invalid_client", 7000215, "Invalid client secret provided, or the application is not registered with this server.", basic.ClientId is not null);
        }

        var issuer = tokens.IssuerFor(request);
        var audience = ResolveAudience(scope, issuer);
        if (audience is null)
        {
            return Error(context, 400, "invalid_scope", 1002012,
                $"The provided value for scope {scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier: https://graph.microsoft.com/.default or {issuer}/.default.");
        }

        var token = tokens.IssueAccessToken(application, issuer, audience);

        // Like Entra, announce one second less than the token lives so clients refresh before the edge.
        var nowSeconds = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds();
        var expiresIn = (int)Math.Max(1, token.ExpiresAt.ToUnixTimeSeconds() - nowSeconds - 1);
        return TypedResults.Json(new TokenResponse("Bearer", expiresIn, expiresIn, token.Value), AuthJsonContext.Default.TokenResponse);
    }

    /// <summary>
    /// The audience for a client-credentials scope: exactly one <c>resource/.default</c> (OIDC scopes ignored),
    /// where resource is Graph (URL or app id) or this server (its base URL, or scheme://host as Kiota derives it).
    /// </summary>
    internal static string? ResolveAudience(string scope, string issuer)
    {
        string? resource = null;
        foreach (var part in scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part is "openid" or "profile" or "offline_access" or "email")
            {
                continue;
            }

            if (resource is not null || !part.EndsWith(DefaultScopeSuffix, StringComparison.Ordinal))
            {
                return null;
            }

            resource = part[..^DefaultScopeSuffix.Length].TrimEnd('/');
        }

        if (resource is null)
        {
            return null;
        }

        if (string.Equals(resource, GraphTokenService.GraphAudience, StringComparison.OrdinalIgnoreCase)
            || string.Equals(resource, GraphAppId, StringComparison.OrdinalIgnoreCase))
        {
            return GraphTokenService.GraphAudience;
        }

        if (string.Equals(resource, issuer, StringComparison.OrdinalIgnoreCase))
        {
            return issuer;
        }

        return Uri.TryCreate(issuer, UriKind.Absolute, out var issuerUri)
            && string.Equals(resource, issuerUri.Scheme + "://" + issuerUri.Host, StringComparison.OrdinalIgnoreCase)
            ? issuer
            : null;
    }

    private static bool TrySingle(IFormCollection form, string name, out string? value)
    {
        var values = form.TryGetValue(name, out var found) ? found : StringValues.Empty;
        value = values.Count == 1 ? values[0] : null;
        return values.Count <= 1;
    }

    private static (string? ClientId, string? Secret, bool Malformed) ParseBasic(HttpRequest request)
    {
        string? header = request.Headers[HeaderNames.Authorization];
        if (header is null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null, false);
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return (null, null, true);
            }

            // RFC 6749 §2.3.1: both parts are form-urlencoded before base64.
            return (FormDecode(decoded[..colon]), FormDecode(decoded[(colon + 1)..]), false);
        }
        catch (FormatException)
        {
            return (null, null, true);
        }
    }

    private static string FormDecode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));

    private static JsonHttpResult<TokenErrorResponse> Missing(HttpContext context, string parameter) =>
        Error(context, 400, "invalid_request", 900144, $"The request body must contain the following parameter: '{parameter}'.");

    private static JsonHttpResult<TokenErrorResponse> Error(HttpContext context, int status, string error, int aadsts, string description, bool basicUsed = false)
    {
        if (status == 401 && basicUsed)
        {
            // RFC 6749 §5.2: a failed Basic client authentication answers with the matching challenge.
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"hark\"";
        }

        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var traceId = Guid.NewGuid().ToString("D");
        var correlationId = context.Request.Headers["client-request-id"].FirstOrDefault() ?? Guid.NewGuid().ToString("D");
        var body = new TokenErrorResponse(
            error,
            string.Create(CultureInfo.InvariantCulture, $"AADSTS{aadsts}: {description} Trace ID: {traceId} Correlation ID: {correlationId} Timestamp: {now:yyyy-MM-dd HH:mm:ssZ}"),
            [aadsts],
            now.ToString("yyyy-MM-dd HH:mm:ssZ", CultureInfo.InvariantCulture),
            traceId,
            correlationId);
        return TypedResults.Json(body, AuthJsonContext.Default.TokenErrorResponse, statusCode: status);
    }
}
