using System.Diagnostics.Metrics;

namespace Hark.Rtp;

/// <summary>
/// The <c>Hark.Rtp</c> meter. Counting is on the media path, so it allocates nothing: no tags or one tag made
/// once, and received packets are added once per drain of a socket, not once per packet.
/// </summary>
public static class RtpMetrics
{
    public const string MeterName = "Hark.Rtp";

    private static readonly Meter s_meter = new(MeterName);
    private static readonly Counter<long> s_packets =
        s_meter.CreateCounter<long>("hark.rtp.packets", "{packet}", "RTP packets received and sent; tag direction (in, out).");
    private static readonly Counter<long> s_lost =
        s_meter.CreateCounter<long>("hark.rtp.lost_packets", "{packet}", "RTP packets never received (sequence gaps), counted when a session ends.");
    private static readonly Histogram<double> s_jitter = s_meter.CreateHistogram<double>(
        "hark.rtp.jitter", "ms", "RFC 3550 interarrival jitter of the caller's packets when a session ends.", tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 40, 80, 160, 320] });

    private static readonly KeyValuePair<string, object?> s_in = new("direction", "in");
    private static readonly KeyValuePair<string, object?> s_out = new("direction", "out");

    /// <summary>Packets read from a socket.</summary>
    public static void Received(long packets) => s_packets.Add(packets, s_in);

    /// <summary>Packets sent.</summary>
    public static void Sent(long packets) => s_packets.Add(packets, s_out);

    /// <summary>A session ended: its losses, and its jitter in milliseconds (null when no packet arrived).</summary>
    public static void Ended(long lost, double? jitterMilliseconds)
    {
        if (lost > 0)
        {
            s_lost.Add(lost);
        }

        if (jitterMilliseconds is { } jitter)
        {
            s_jitter.Record(jitter);
        }
    }
}
