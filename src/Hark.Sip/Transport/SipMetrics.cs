using System.Diagnostics.Metrics;
using System.Globalization;
using Hark.Sip.Messages;

namespace Hark.Sip.Transport;

/// <summary>
/// The <c>Hark.Sip</c> meter: SIP requests and responses through Hark's transports. Method tags are the methods
/// Hark knows (anything else counts as <c>other</c>) and codes are 100-699, so a peer cannot grow the series.
/// </summary>
public static class SipMetrics
{
    public const string MeterName = "Hark.Sip";

    private static readonly Meter s_meter = new(MeterName);
    private static readonly Counter<long> s_requests =
        s_meter.CreateCounter<long>("hark.sip.requests", "{request}", "SIP requests sent and received; tags method, direction (in, out).");
    private static readonly Counter<long> s_responses =
        s_meter.CreateCounter<long>("hark.sip.responses", "{response}", "SIP responses sent and received; tags method (the CSeq's), code, direction (in, out).");

    private static readonly Counter<long> s_tcpRefused = s_meter.CreateCounter<long>(
        "hark.sip.tcp.refused", "{connection}", "Inbound SIP TCP connections closed as soon as accepted; tag reason (descriptors, limit, address).");

    private static readonly string[] s_methods =
    [
        SipMethods.Invite, SipMethods.Ack, SipMethods.Bye, SipMethods.Cancel, SipMethods.Options, SipMethods.Register, SipMethods.Info,
        SipMethods.Update, SipMethods.Prack, SipMethods.Message, SipMethods.Notify, SipMethods.Subscribe, SipMethods.Refer,
    ];

    // Tag values made once, so counting boxes and allocates nothing.
    private static readonly string[] s_codes = [.. Enumerable.Range(100, 600).Select(c => c.ToString(CultureInfo.InvariantCulture))];

    /// <summary>A message a transport read.</summary>
    public static void Received(SipMessage message) => Count(message, "in");

    /// <summary>A message handed to a transport to send (retransmissions included).</summary>
    public static void Sent(SipMessage message) => Count(message, "out");

    /// <summary>
    /// An inbound TCP connection closed on accept: <c>descriptors</c> (it would have eaten the descriptor reserve),
    /// <c>limit</c> (MaxTcpConnections open) or <c>address</c> (MaxTcpConnectionsPerAddress from its address).
    /// </summary>
    public static void TcpRefused(string reason) => s_tcpRefused.Add(1, new KeyValuePair<string, object?>("reason", reason));

    /// <summary>The method as tagged: one Hark knows, else <c>other</c>.</summary>
    public static string MethodTag(string method)
    {
        foreach (var known in s_methods)
        {
            if (string.Equals(known, method, StringComparison.Ordinal))
            {
                return known;
            }
        }

        return "other";
    }

    private static void Count(SipMessage message, string direction)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.IsRequest)
        {
            s_requests.Add(1, new KeyValuePair<string, object?>("method", MethodTag(message.Method)), new KeyValuePair<string, object?>("direction", direction));
            return;
        }

        var code = message.StatusCode is >= 100 and <= 699 ? s_codes[message.StatusCode - 100] : "other";
        s_responses.Add(
            1,
            new KeyValuePair<string, object?>("method", MethodTag(message.CSeq.Method)),
            new KeyValuePair<string, object?>("code", code),
            new KeyValuePair<string, object?>("direction", direction));
    }
}
