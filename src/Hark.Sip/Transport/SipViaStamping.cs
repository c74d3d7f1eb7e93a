using System.Net;
using Hark.Sip.Messages;

namespace Hark.Sip.Transport;

/// <summary>What a server transport writes into the top Via of a request it receives (RFC 3261 §18.2.1, RFC 3581 §4).</summary>
internal static class SipViaStamping
{
    /// <summary>
    /// The top Via with received set when sent-by is not the source address, and with an empty rport filled
    /// with the source port (received is then always set, RFC 3581 §4); the same instance when nothing changes.
    /// </summary>
    public static SipVia Stamp(SipVia via, IPEndPoint source)
    {
        var address = Normalize(source.Address);
        var fillRport = via.HasRport && via.Rport is null;
        if (!fillRport && SameAddress(via.Host, address))
        {
            return via;
        }

        return via.WithReceived(address.ToString(), fillRport ? source.Port : null);
    }

    /// <summary>The request with its top Via stamped; the request itself when nothing changes.</summary>
    public static SipMessage Stamp(SipMessage request, IPEndPoint source)
    {
        var top = request.TopVia;
        var stamped = Stamp(top, source);
        if (ReferenceEquals(stamped, top))
        {
            return request;
        }

        // The first Via line may hold several values; the stamped one replaces only the first of them.
        var headers = new List<SipHeader>(request.Headers.Count + 1);
        var replaced = false;
        foreach (var header in request.Headers)
        {
            if (replaced || header.Name != SipHeaderNames.Via)
            {
                headers.Add(header);
                continue;
            }

            replaced = true;
            headers.Add(new SipHeader(SipHeaderNames.Via, stamped.ToString()));
            var values = SipSyntax.SplitList(header.Value);
            if (values.Count > 1)
            {
                headers.Add(new SipHeader(SipHeaderNames.Via, string.Join(", ", values.Skip(1))));
            }
        }

        return SipMessage.CreateRequest(request.Method, request.RequestUri, headers, request.Body);
    }

    public static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static bool SameAddress(string host, IPAddress address) =>
        IPAddress.TryParse(host.AsSpan().Trim("[]"), out var parsed) && Normalize(parsed).Equals(address);
}
