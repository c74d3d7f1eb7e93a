using System.Collections.Concurrent;
using System.Net;
using Hark.Calls.Lifecycle;
using Hark.Sdp;
using Hark.Sip.Dialogs;
using Hark.Sip.Messages;
using Hark.Sip.Transport;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hark.Telephony;

/// <summary>
/// Hark's SIP endpoint: UDP and TCP on <c>Hark:Sip</c>, the transaction layer, and the routing of requests to
/// calls. An INVITE rings the application whose numbers list its user part (else one listing <c>*</c>), or is
/// refused 404; in-dialog requests go to their call by dialog (Call-ID, Hark's tag and the peer's), so a request
/// that reuses a live call's Call-ID cannot touch it; a second INVITE with a live call's Call-ID and From tag is a
/// merged request and gets 482 (RFC 3261 §8.2.2.2). OPTIONS is answered 200, other methods 501.
/// </summary>
public sealed class SipEndpoint : IHostedService, ISipRequestHandler, IAsyncDisposable
{
    private readonly ConcurrentDictionary<(string CallId, string LocalTag), SipCallTransport> _calls = new();

    // Incoming calls by the caller's Call-ID and From tag: what a merged or re-sent INVITE shares with its call.
    private readonly ConcurrentDictionary<(string CallId, string RemoteTag), SipIncomingCall> _incoming = new();
    private readonly SipOptions _options;
    private readonly IIncomingCallRouter _router;
    private readonly RtpMediaFactory _media;
    private readonly TimeProvider _time;
    private readonly CallAdmission _admission;
    private readonly ILogger<SipEndpoint> _logger;
    private SipTransactionManager? _manager;
    private UdpSipTransport? _udp;
    private TcpSipTransport? _tcp;
    private ObservedSipTransport? _udpObserved;
    private readonly SipMessageLog? _messages;
    private int _disposed;

    internal SipEndpoint(
        IOptions<SipOptions> options, IIncomingCallRouter router, RtpMediaFactory media, TimeProvider time, CallAdmission admission, ILogger<SipEndpoint> logger,
        SipMessageLog? messages = null)
    {
        _messages = messages;
        _admission = admission;
        _options = options.Value;
        _router = router;
        _media = media;
        _time = time;
        _logger = logger;
    }

    /// <summary>What Hark's requests and responses carry in User-Agent: <c>Hark/</c> and this build's version.</summary>
    public static string UserAgent { get; } = "Hark/" + (typeof(SipEndpoint).Assembly
        .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
        .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "0.0.0");

    /// <summary>The UDP/TCP port actually bound (differs from the option when it is 0).</summary>
    public int Port => _udp?.LocalEndPoint.Port ?? _options.Port;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var address = IPAddress.Parse(_options.ListenAddress);
        _manager = new SipTransactionManager(this, _time, limits: _options.Limits, logger: _logger);
        (_udp, _tcp) = await BindAsync(address).ConfigureAwait(false);
        // Seen on their way in and out: counted, and summarised for the calls' timelines.
        _udpObserved = new ObservedSipTransport(_udp, _messages);
        _udpObserved.Start(_manager);
        new ObservedSipTransport(_tcp, _messages).Start(_manager);
        TelephonyLog.Listening(_logger, address.ToString(), Port);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // UDP and TCP share one port. With port 0 the system picks a free UDP port, whose TCP twin may be taken
    // (by any connection's local port): then pick again.
    private async Task<(UdpSipTransport Udp, TcpSipTransport Tcp)> BindAsync(IPAddress address)
    {
        for (var attempt = 0; ; attempt++)
        {
            var udp = new UdpSipTransport(new IPEndPoint(address, _options.Port), _logger, _time);
            try
            {
                return (udp, new TcpSipTransport(new IPEndPoint(address, udp.LocalEndPoint.Port), _time, _options.Limits, _logger));
            }
            catch (System.Net.Sockets.SocketException) when (_options.Port == 0 && attempt < 20)
            {
                await udp.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Registered as a singleton and as a hosted service, so the container may dispose it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        foreach (var call in _calls.Values)
        {
            await call.DisposeAsync().ConfigureAwait(false);
        }

        _manager?.Dispose();
        if (_udp is not null)
        {
            await _udp.DisposeAsync().ConfigureAwait(false);
        }

        if (_tcp is not null)
        {
            await _tcp.DisposeAsync().ConfigureAwait(false);
        }
    }

    public bool OnRequest(SipServerTransactionHandle transaction, SipMessage request)
    {
        if (request.Method == SipMethods.Invite && request.To.Tag is null)
        {
            OnInvite(transaction, request);
            return true;
        }

        if (Find(request) is { } call)
        {
            call.OnRequest(transaction, request);
            return true;
        }

        // An INVITE or BYE for a dialog Hark does not have is 481 (§12.2.2); the rest takes the defaults, which
        // carry Allow: OPTIONS 200, other methods 501.
        if (request.Method is SipMethods.Invite or SipMethods.Bye)
        {
            transaction.Respond(SipResponses.CreateFrom(request, 481));
            return true;
        }

        return false;
    }

    public void OnAck(SipMessage ack, ISipTransport transport, IPEndPoint source)
    {
        Find(ack)?.OnRequest(null, ack);
    }

    public void OnCancel(SipServerTransactionHandle invite, SipMessage cancel)
    {
        if (_incoming.TryGetValue(RemoteKey(invite.Request), out var call) && call.InviteTransaction == invite)
        {
            call.OnRequest(invite, cancel);
        }
        else
        {
            invite.Respond(SipResponses.CreateFrom(invite.Request, 487));
        }
    }

    private void OnInvite(SipServerTransactionHandle transaction, SipMessage invite)
    {
        if (_incoming.ContainsKey(RemoteKey(invite)))
        {
            Refuse(transaction, invite, 482, "merged: the Call-ID and From tag of a live call");
            return;
        }

        if (!_admission.TryAdmit("sip", out var retryAfter))
        {
            // At capacity: the caller (or its proxy) tries later or elsewhere (RFC 3261 §21.5.4); live calls go on.
            var seconds = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            transaction.Respond(SipResponses.CreateFrom(invite, 503, null, null, [new SipHeader("Retry-After", seconds)]));
            return;
        }

        if (!SessionDescription.TryParse(invite.Body.Span, out var offer, out var error))
        {
            transaction.Respond(SipResponses.CreateFrom(invite, 400, "SDP offer required" + (error is null ? "" : ": " + error.Message)));
            return;
        }

        var (leg, answer) = _media.Answer(offer!);
        if (leg is null)
        {
            transaction.Respond(SipResponses.CreateFrom(invite, 488, null, null, [new SipHeader("Warning", $"304 hark \"{answer.FailureReason}\"")]));
            return;
        }

        var session = new InviteServerSession(invite, Settings(transaction.Transport.IsReliable));
        var signalling = new SipCallSignalling(_manager!, transaction.Transport, transaction.Source);
        var call = new SipIncomingCall(session, transaction, signalling, leg, _time, Ended, new SipTargets(_options));
        if (!_incoming.TryAdd(RemoteKey(invite), call))
        {
            // The same INVITE on two transports at once: the first one is the call.
            _ = call.DisposeAsync().AsTask();
            Refuse(transaction, invite, 482, "merged: arrived twice at once");
            return;
        }

        Track(call);
        var from = invite.From.SipUri?.User ?? invite.From.Uri;
        var to = invite.RequestSipUri?.User ?? "";
        var routing = _router.Offer(from, to, call);
        if (routing != IncomingCallRouting.Offered)
        {
            transaction.Respond(SipResponses.CreateFrom(invite, routing == IncomingCallRouting.Busy ? 486 : 404));
            Ended(call);
        }
    }

    private static (string CallId, string RemoteTag) RemoteKey(SipMessage request) => (request.CallId ?? "", request.From.Tag ?? "");

    /// <summary>The call a request with a To tag belongs to: the dialog's Call-ID, Hark's tag and the peer's tag must all match.</summary>
    private SipCallTransport? Find(SipMessage request) =>
        request.To.Tag is { } localTag
        && _calls.TryGetValue((request.CallId ?? "", localTag), out var call)
        && (call.RemoteTag is null || string.Equals(call.RemoteTag, request.From.Tag ?? "", StringComparison.Ordinal))
            ? call
            : null;

    private void Refuse(SipServerTransactionHandle transaction, SipMessage request, int status, string reason)
    {
        TelephonyLog.Collision(_logger, request.ToString(), transaction.Source, reason, status);
        transaction.Respond(SipResponses.CreateFrom(request, status));
    }

    private bool Forget(SipCallTransport call)
    {
        if (call is SipIncomingCall incoming)
        {
            _incoming.TryRemove(new KeyValuePair<(string, string), SipIncomingCall>((incoming.CallId, incoming.RemoteTag ?? ""), incoming));
        }

        return _calls.TryRemove(new KeyValuePair<(string, string), SipCallTransport>(call.Key, call));
    }

    /// <summary>
    /// An outgoing call: a <c>sip:</c> URI is dialled directly; a number goes to the configured trunk
    /// (<c>sip:number@trunk-host:port</c>). Without a trunk a number cannot be reached (terminated 480/10037).
    /// </summary>
    public ICallTransport CreateTransport(string target)
    {
        var trunkUri = _options.Trunk.Uri is { } trunk && SipUri.TryParse(trunk.ToString(), out var parsedTrunk) ? parsedTrunk : null;
        var uri = target.StartsWith("sip:", StringComparison.OrdinalIgnoreCase)
            ? target
            : trunkUri is not null
                ? $"sip:{target}@{trunkUri.Host}" + (trunkUri.Port is { } p ? ":" + p.ToString(System.Globalization.CultureInfo.InvariantCulture) : "")
                : null;
        var requestUri = uri is not null && SipUri.TryParse(uri, out var parsed) ? parsed : null;

        // The trunk's credentials go only to the trunk's host, and answer only its realm.
        var toTrunk = requestUri is not null && trunkUri is not null && string.Equals(requestUri.Host, trunkUri.Host, StringComparison.OrdinalIgnoreCase);

        if (requestUri is null || _manager is null || _udpObserved is null)
        {
            return new UnroutableCallTransport();
        }

        var media = _media.Offer();
        var advertised = _options.PublicAddress ?? _options.ListenAddress;
        var session = new InviteClientSession(
            new SipOutgoingCall
            {
                RequestUri = requestUri,
                From = SipNameAddress.Parse($"<sip:hark@{advertised}>"),
                To = SipNameAddress.Parse($"<{requestUri}>"),
                Offer = media.LocalDescription.ToUtf8Bytes(),
                Username = toTrunk ? _options.Trunk.Username : null,
                Password = toTrunk ? _options.Trunk.Password : null,
                Realm = toTrunk ? _options.Trunk.Realm ?? trunkUri!.Host.Trim('[', ']') : null,
                RingTimeout = TimeSpan.FromSeconds(_options.RingTimeoutSeconds),
            },
            Settings(reliable: false));
        // No fallback for a name: one that does not resolve fails the call (503), it is never sent to loopback.
        var fallback = IPAddress.TryParse(requestUri.Host.Trim('[', ']'), out var ip) ? new IPEndPoint(ip, requestUri.Port ?? 5060) : null;
        var call = new SipOutgoingCallTransport(session, new SipCallSignalling(_manager, _udpObserved, fallback), media, _time, Ended, new SipTargets(_options));
        Track(call);
        return call;
    }

    private SipSessionSettings Settings(bool reliable)
    {
        var advertised = _options.PublicAddress ?? _options.ListenAddress;
        return new SipSessionSettings
        {
            Contact = SipUri.Parse($"sip:hark@{advertised}:{Port}" + (reliable ? ";transport=tcp" : "")),
            ViaHost = advertised,
            ViaPort = Port,
            ViaTransport = reliable ? "TCP" : "UDP",
            UserAgent = UserAgent,
        };
    }

    private void Track(SipCallTransport call)
    {
        _calls[call.Key] = call;
        _admission.Started();
    }

    private void Ended(SipCallTransport call)
    {
        if (Forget(call))
        {
            _admission.Ended();
            _ = call.DisposeAsync().AsTask();
        }
    }
}
