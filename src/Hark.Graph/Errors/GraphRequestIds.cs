using Microsoft.AspNetCore.Http;

namespace Hark.Graph.Errors;

/// <summary>
/// Graph's per-request ids: a fresh GUID <c>request-id</c>, and <c>client-request-id</c> echoing the
/// client's header (the SDK sends one) or, without it, the request id. Kept in the request so every
/// response and error body of one request agree.
/// </summary>
public static class GraphRequestIds
{
    public const string RequestIdHeader = "request-id";
    public const string ClientRequestIdHeader = "client-request-id";

    /// <summary>The longest client-request-id echoed; a longer one is replaced by the request id.</summary>
    public const int MaxClientRequestIdLength = 128;

    private static readonly object ItemKey = new();

    /// <summary>Returns this request's ids, creating them and setting the response headers on first use.</summary>
    public static (string RequestId, string ClientRequestId) Ensure(HttpContext context)
    {
        if (context.Items.TryGetValue(ItemKey, out var stored) && stored is ValueTuple<string, string> ids)
        {
            return ids;
        }

        var requestId = Guid.NewGuid().ToString("D");
        var clientHeader = context.Request.Headers[ClientRequestIdHeader].ToString();
        var clientRequestId = string.IsNullOrWhiteSpace(clientHeader) || clientHeader.Length > MaxClientRequestIdLength ? requestId : clientHeader;
        context.Items[ItemKey] = (requestId, clientRequestId);
        if (!context.Response.HasStarted)
        {
            context.Response.Headers[RequestIdHeader] = requestId;
            context.Response.Headers[ClientRequestIdHeader] = clientRequestId;
        }

        return (requestId, clientRequestId);
    }
}
