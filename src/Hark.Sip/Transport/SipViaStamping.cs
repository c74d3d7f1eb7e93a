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

        return SipMessage.CreateRequest(request.Method, request.RequestUri, WithTopVia(request.Headers, stamped), request.Body);
    }

    /// <summary><paramref name="headers"/> with the first Via value replaced by <paramref name="top"/>.</summary>
    public static List<SipHeader> WithTopVia(IReadOnlyList<SipHeader> headers, SipVia top)
    {
        // The first Via line may hold several values; the stamped one replaces only the first of them.
        var result = new List<SipHeader>(headers.Count + 1);
        var replaced = false;
        foreach (var header in headers)
        {
            if (replaced || header.Name != SipHeaderNames.Via)
            {
                result.Add(header);
                continue;
            }

            replaced = true;
            result.Add(new SipHeader(SipHeaderNames.Via, top.ToString()));
            var values = SipSyntax.SplitList(header.Value);
            if (values.Count > 1)
            {
                result.Add(new SipHeader(SipHeaderNames.Via, string.Join(", ", values.Skip(1))));
            }
        }

        return result;
    }

    public static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static bool SameAddress(string host, IPAddress address) =>
        IPAddress.TryParse(host.AsSpan().Trim("[]"), out var parsed) && Normalize(parsed).Equals(address);
}
