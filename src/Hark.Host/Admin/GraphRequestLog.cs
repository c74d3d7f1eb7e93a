using System.Collections.Concurrent;
using Hark.Graph.Auth;
using Hark.Graph.Calls;
using Microsoft.Extensions.Options;

namespace Hark.Host.Admin;

/// <summary>
/// The Graph requests bots made about each recent call (method, path, status, time), for the operator's call
/// timeline. Bounded by <see cref="AdminOptions"/>: requests per call and calls remembered; memory only. Only calls
/// Hark has (live when first seen) get a trail, so made-up call ids cannot fill it.
/// </summary>
internal sealed class GraphRequestLog(IOptions<AdminOptions> options, TimeProvider time, CallHub hub)
{
    private const int MaxPathLength = 256;

    private readonly ConcurrentDictionary<string, Trail> _trails = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public (IReadOnlyList<GraphRequestSummary> Requests, int Dropped) Read(string callId)
    {
        if (!_trails.TryGetValue(callId, out var trail))
        {
            return ([], 0);
        }

        lock (trail)
        {
            return ([.. trail.Requests], trail.Dropped);
        }
    }

    /// <summary>Runs the request, then remembers it if it was an authenticated request about one call.</summary>
    public async Task ObserveAsync(HttpContext context, RequestDelegate next)
    {
        var started = time.GetTimestamp();
        await next(context);
        if (options.Value.GraphRequestsPerCall == 0
            || context.GetRouteValue("callId") is not string callId
            || context.GetGraphApplication() is null)
        {
            return;
        }

        if (!_trails.TryGetValue(callId, out var trail))
        {
            if (hub.Find(callId) is null)
            {
                return;
            }

            trail = _trails.GetOrAdd(callId, static (id, log) => log.Begin(id), this);
        }

        lock (trail)
        {
            if (trail.Requests.Count >= options.Value.GraphRequestsPerCall)
            {
                trail.Dropped++;
                return;
            }

            var path = context.Request.Path.Value ?? "";
            trail.Requests.Add(new GraphRequestSummary(
                time.GetUtcNow(), context.Request.Method, path.Length > MaxPathLength ? path[..MaxPathLength] + "…" : path, context.Response.StatusCode,
                time.GetElapsedTime(started).TotalMilliseconds));
        }
    }

    private Trail Begin(string callId)
    {
        _order.Enqueue(callId);
        while (_order.Count > options.Value.CallsRemembered && _order.TryDequeue(out var oldest))
        {
            _trails.TryRemove(oldest, out _);
        }

        return new Trail();
    }

    private sealed class Trail
    {
        public List<GraphRequestSummary> Requests { get; } = [];

        public int Dropped { get; set; }
    }
}
