using Hark.Sip.Messages;

namespace Hark.Sip.Dialogs;

/// <summary>
/// The state of one dialog (RFC 3261 §12): identity, URIs, remote target, route set and both CSeq spaces.
/// It builds in-dialog requests (§12.2.1.1, with the strict-router fallback of §16.12.1.2) and checks received
/// ones (§12.2.2). Pure: no I/O and no clock.
/// </summary>
public sealed class SipDialog
{
    private SipDialog(string callId, string localTag, string remoteTag, SipNameAddress localUri, SipNameAddress remoteUri,
        string remoteTarget, IReadOnlyList<SipNameAddress> routeSet, uint localSequence, uint? remoteSequence, bool secure)
    {
        CallId = callId;
        LocalTag = localTag;
        RemoteTag = remoteTag;
        LocalUri = localUri;
        RemoteUri = remoteUri;
        RemoteTarget = remoteTarget;
        RouteSet = routeSet;
        LocalSequence = localSequence;
        RemoteSequence = remoteSequence;
        IsSecure = secure;
    }

    public SipDialogId Id => new(CallId, LocalTag, RemoteTag);

    public string CallId { get; }

    public string LocalTag { get; }

    public string RemoteTag { get; }

    /// <summary>Hark's address in this dialog (From of requests Hark sends), without its tag.</summary>
    public SipNameAddress LocalUri { get; }

    /// <summary>The peer's address (To of requests Hark sends), without its tag.</summary>
    public SipNameAddress RemoteUri { get; }

    /// <summary>The peer's Contact URI: the Request-URI of in-dialog requests unless a strict router is first.</summary>
    public string RemoteTarget { get; private set; }

    /// <summary>The Route headers of in-dialog requests, in the order Hark sends them.</summary>
    public IReadOnlyList<SipNameAddress> RouteSet { get; }

    /// <summary>The CSeq number of the last request Hark sent in this dialog.</summary>
    public uint LocalSequence { get; private set; }

    /// <summary>The highest CSeq number received from the peer; null until the peer sends a request.</summary>
    public uint? RemoteSequence { get; private set; }

    /// <summary>True when the dialog was set up with a sips: Request-URI (§12.1.1).</summary>
    public bool IsSecure { get; }

    /// <summary>
    /// The UAS side of a dialog created by <paramref name="request"/> (§12.1.1): route set from Record-Route in order,
    /// remote target from Contact, remote CSeq from the request. <paramref name="localSequence"/> is the CSeq before
    /// Hark's first request.
    /// </summary>
    public static SipDialog CreateAsServer(SipMessage request, string localTag, uint localSequence = 0)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(localTag);
        if (!request.IsRequest)
        {
            throw new ArgumentException("a dialog is created by a request", nameof(request));
        }

        return new SipDialog(
            request.CallId,
            localTag,
            request.From.Tag ?? string.Empty,
            WithoutTag(request.To),
            WithoutTag(request.From),
            TargetOf(request, request.RequestUri),
            [.. request.RecordRoutes],
            localSequence,
            request.CSeq.Number,
            request.RequestSipUri?.IsSecure == true);
    }

    /// <summary>
    /// The UAC side of a dialog created by <paramref name="response"/> to <paramref name="request"/> (§12.1.2):
    /// route set from the response's Record-Route reversed, remote target from its Contact.
    /// </summary>
    public static SipDialog CreateAsClient(SipMessage request, SipMessage response)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        if (response.To.Tag is null)
        {
            throw new ArgumentException("a response without a To tag creates no dialog", nameof(response));
        }

        var routes = new List<SipNameAddress>(response.RecordRoutes);
        routes.Reverse();
        return new SipDialog(
            request.CallId,
            request.From.Tag ?? string.Empty,
            response.To.Tag,
            WithoutTag(request.From),
            WithoutTag(response.To),
            TargetOf(response, request.RequestUri),
            routes,
            request.CSeq.Number,
            null,
            request.RequestSipUri?.IsSecure == true);
    }

    /// <summary>True when <paramref name="request"/> carries this dialog's Call-ID and tags.</summary>
    public bool Matches(SipMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.CallId == CallId
            && string.Equals(request.To.Tag, LocalTag, StringComparison.Ordinal)
            && string.Equals(request.From.Tag, RemoteTag, StringComparison.Ordinal);
    }

    /// <summary>
    /// Checks a received in-dialog request (§12.2.2): 0 to accept it, or the status to reject it with
    /// (481 for another dialog, 500 for a CSeq lower than the last). ACK and CANCEL reuse their INVITE's number.
    /// </summary>
    public int CheckRequest(SipMessage request)
    {
        if (!Matches(request))
        {
            return 481;
        }

        if (request.Method is SipMethods.Ack or SipMethods.Cancel)
        {
            return 0;
        }

        var number = request.CSeq.Number;
        if (RemoteSequence is { } last && number < last)
        {
            return 500;
        }

        RemoteSequence = number;
        return 0;
    }

    /// <summary>A target refresh (re-INVITE or its 2xx) replaces the remote target with its Contact (§12.2).</summary>
    public void RefreshTarget(SipMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Contacts.Count > 0)
        {
            RemoteTarget = message.Contacts[0].Uri;
        }
    }

    /// <summary>A new in-dialog request (not ACK or CANCEL) with the next local CSeq number.</summary>
    public SipMessage CreateRequest(string method, SipVia via, IEnumerable<SipHeader>? extraHeaders = null, ReadOnlyMemory<byte> body = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        if (method is SipMethods.Ack or SipMethods.Cancel)
        {
            throw new ArgumentException("ACK and CANCEL reuse their INVITE's CSeq", nameof(method));
        }

        LocalSequence++;
        return Build(method, new SipCSeq(LocalSequence, method), via, extraHeaders, body);
    }

    /// <summary>The ACK for a 2xx to the INVITE numbered <paramref name="inviteSequence"/> (§13.2.2.4): its own branch, the INVITE's number.</summary>
    public SipMessage CreateAck(uint inviteSequence, SipVia via, IEnumerable<SipHeader>? extraHeaders = null, ReadOnlyMemory<byte> body = default) =>
        Build(SipMethods.Ack, new SipCSeq(inviteSequence, SipMethods.Ack), via, extraHeaders, body);

    private SipMessage Build(string method, SipCSeq cseq, SipVia via, IEnumerable<SipHeader>? extraHeaders, ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(via);
        var (requestUri, routes) = Routing();
        var headers = new List<SipHeader>
        {
            new(SipHeaderNames.Via, via.ToString()),
            new(SipHeaderNames.MaxForwards, "70"),
        };
        foreach (var route in routes)
        {
            headers.Add(new SipHeader(SipHeaderNames.Route, route));
        }

        headers.Add(new SipHeader(SipHeaderNames.From, LocalUri.WithTag(LocalTag).ToString()));
        headers.Add(new SipHeader(SipHeaderNames.To, (RemoteTag.Length > 0 ? RemoteUri.WithTag(RemoteTag) : RemoteUri).ToString()));
        headers.Add(new SipHeader(SipHeaderNames.CallId, CallId));
        headers.Add(new SipHeader(SipHeaderNames.CSeq, cseq.ToString()));
        if (extraHeaders is not null)
        {
            headers.AddRange(extraHeaders);
        }

        return SipMessage.CreateRequest(method, requestUri, headers, body);
    }

    /// <summary>Request-URI and Route values per §12.2.1.1: loose routing keeps the target; a strict router takes its place.</summary>
    private (string RequestUri, List<string> Routes) Routing()
    {
        var routes = new List<string>(RouteSet.Count + 1);
        if (RouteSet.Count == 0)
        {
            return (RemoteTarget, routes);
        }

        if (RouteSet[0].SipUri is { IsLooseRouter: true })
        {
            foreach (var route in RouteSet)
            {
                routes.Add(route.ToString());
            }

            return (RemoteTarget, routes);
        }

        // A strict router expects to find itself in the Request-URI; the remote target rides at the end of the Route list.
        for (var i = 1; i < RouteSet.Count; i++)
        {
            routes.Add(RouteSet[i].ToString());
        }

        routes.Add(new SipNameAddress(RemoteTarget).ToString());
        return (RequestUriOf(RouteSet[0]), routes);
    }

    private static string RequestUriOf(SipNameAddress route)
    {
        // URI headers are not allowed in a Request-URI (§19.1.1), so they are stripped.
        if (route.SipUri is { } uri && uri.Headers.Count > 0)
        {
            return new SipUri(uri.Host, uri.User, uri.Port, uri.IsSecure, uri.Parameters).ToString();
        }

        return route.Uri;
    }

    private static string TargetOf(SipMessage message, string fallback) =>
        message.Contacts.Count > 0 ? message.Contacts[0].Uri : fallback;

    private static SipNameAddress WithoutTag(SipNameAddress address)
    {
        var parameters = new List<SipParameter>(address.Parameters.Count);
        foreach (var p in address.Parameters)
        {
            if (!string.Equals(p.Name, "tag", StringComparison.OrdinalIgnoreCase))
            {
                parameters.Add(p);
            }
        }

        return new SipNameAddress(address.Uri, address.DisplayName, parameters);
    }
}
