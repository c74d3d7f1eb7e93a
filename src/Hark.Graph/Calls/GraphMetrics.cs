using System.Diagnostics.Metrics;

namespace Hark.Graph.Calls;

/// <summary>The Graph layer's instruments (meter <c>Hark.Graph</c>).</summary>
internal static class GraphMetrics
{
    private static readonly Meter Meter = new("Hark.Graph");

    /// <summary>Key presses not notified because a call sent them faster than Hark:Calls:ToneNotificationsPerSecond.</summary>
    public static readonly Counter<long> TonesDropped = Meter.CreateCounter<long>("hark.calls.tones_dropped", description: "key presses not notified: over the call's tone notification rate");

    /// <summary>Requests refused by a per-call or per-application limit, by limit.</summary>
    public static readonly Counter<long> LimitRefusals = Meter.CreateCounter<long>("hark.graph.limit_refusals", description: "requests refused by a Graph-side limit");
}
