using Hark.Sip.Messages;

namespace Hark.Sip.Dialogs;

/// <summary>Builds the Vias, responses and header sets both session machines send, from Hark's settings.</summary>
internal sealed class SipSessionMessages(SipSessionSettings settings, ISipIdGenerator ids)
{
    public const string AllowedMethods = "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO";
    public const string SdpContentType = "application/sdp";

    public SipSessionSettings Settings => settings;

    public ISipIdGenerator Ids => ids;

    /// <summary>A Via with a fresh branch; rport asks the peer to answer where the request came from (RFC 3581).</summary>
    public SipVia NewVia() =>
        new(settings.ViaTransport, settings.ViaHost, settings.ViaPort, [new SipParameter("branch", ids.NewBranch()), new SipParameter("rport", null)]);

    public SipHeader Contact => new(SipHeaderNames.Contact, new SipNameAddress(settings.Contact).ToString());

    /// <summary>
    /// A response to <paramref name="request"/>. Dialog-creating responses copy every Record-Route line as received (§12.1.1);
    /// responses that set up or refresh the dialog carry Hark's Contact and Allow; an SDP body gets its Content-Type.
    /// </summary>
    public SipMessage Response(
        SipMessage request,
        int status,
        string? reason = null,
        string? toTag = null,
        bool contact = false,
        bool recordRoute = false,
        ReadOnlyMemory<byte> sdp = default,
        IEnumerable<SipHeader>? extraHeaders = null)
    {
        var headers = new List<SipHeader>();
        if (recordRoute)
        {
            foreach (var header in request.Headers)
            {
                if (header.Name == SipHeaderNames.RecordRoute)
                {
                    headers.Add(header);
                }
            }
        }

        if (contact)
        {
            headers.Add(Contact);
            headers.Add(new SipHeader(SipHeaderNames.Allow, AllowedMethods));
        }

        if (settings.UserAgent is { } server)
        {
            headers.Add(new SipHeader(SipHeaderNames.Server, server));
        }

        if (extraHeaders is not null)
        {
            headers.AddRange(extraHeaders);
        }

        if (!sdp.IsEmpty)
        {
            headers.Add(new SipHeader(SipHeaderNames.ContentType, SdpContentType));
        }

        return SipResponses.CreateFrom(request, status, reason, toTag, headers, sdp);
    }

    /// <summary>Headers after the dialog's own: Contact for target-refresh requests, User-Agent, Content-Type for an SDP body.</summary>
    public List<SipHeader> RequestHeaders(bool contact, bool sdp, IEnumerable<SipHeader>? extraHeaders = null)
    {
        var headers = new List<SipHeader>();
        if (contact)
        {
            headers.Add(Contact);
            headers.Add(new SipHeader(SipHeaderNames.Allow, AllowedMethods));
        }

        if (settings.UserAgent is { } userAgent)
        {
            headers.Add(new SipHeader(SipHeaderNames.UserAgent, userAgent));
        }

        if (extraHeaders is not null)
        {
            headers.AddRange(extraHeaders);
        }

        if (sdp)
        {
            headers.Add(new SipHeader(SipHeaderNames.ContentType, SdpContentType));
        }

        return headers;
    }
}
