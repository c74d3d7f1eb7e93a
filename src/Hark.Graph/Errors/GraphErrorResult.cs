using System.Globalization;
using System.Text.Json;
using Hark.Graph.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace Hark.Graph.Errors;

/// <summary>
/// A Graph error response, and the only place the Graph error body is built: status, the
/// <c>request-id</c>/<c>client-request-id</c> headers, and <c>{"error":{code,message,innerError,details?}}</c>.
/// Create one through <see cref="GraphError"/>.
/// </summary>
public sealed class GraphErrorResult : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    internal GraphErrorResult(int statusCode, string code, string message, IReadOnlyList<GraphErrorDetail>? details)
    {
        StatusCode = statusCode;
        Code = code;
        Message = message;
        Details = details;
    }

    public int StatusCode { get; }

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public string ContentType => "application/json";

    public string Code { get; }

    public string Message { get; }

    public IReadOnlyList<GraphErrorDetail>? Details { get; }

    /// <summary>The methods the route does offer, sent as <c>Allow</c> with a 405.</summary>
    public string? Allow { get; init; }

    /// <summary>The body for a request with these ids at this time (Graph's date has no zone and no fraction; it is UTC).</summary>
    public GraphErrorBody CreateBody(string requestId, string? clientRequestId, DateTimeOffset now) =>
        new(new GraphErrorContent(
            Code,
            Message,
            new GraphInnerError(now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture), requestId, clientRequestId),
            Details is { Count: > 0 } ? Details : null));

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var (requestId, clientRequestId) = GraphRequestIds.Ensure(httpContext);
        var time = httpContext.RequestServices?.GetService<TimeProvider>() ?? TimeProvider.System;
        httpContext.Response.StatusCode = StatusCode;
        httpContext.Response.ContentType = ContentType;
        if (Allow is not null)
        {
            httpContext.Response.Headers.Allow = Allow;
        }

        var body = CreateBody(requestId, clientRequestId, time.GetUtcNow());
        return JsonSerializer.SerializeAsync(httpContext.Response.Body, body, GraphJsonContext.Default.GraphErrorBody, httpContext.RequestAborted);
    }
}
