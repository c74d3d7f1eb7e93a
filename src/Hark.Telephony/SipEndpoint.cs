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
/// refused 404; in-dialog requests go to their call by Call-ID; OPTIONS is answered 200, other methods 501.
/// </summary>
public sealed class SipEndpoint : IHostedService, ISipRequestHandler, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, SipCallTransport> _calls = new(StringComparer.Ordinal);
    private readonly SipOptions _options;
    private readonly IIncomingCallRouter _router;
    private readonly RtpMediaFactory _media;
    private readonly TimeProvider _time;
    private readonly CallAdmission _admission;
    private readonly ILogger<SipEndpoint> _logger;
    private SipTransactionManager? _manager;
    private UdpSipTransport? _udp;
    private TcpSipTransport? _tcp;
    private int _disposed;

    internal SipEndpoint(
        IOptions<SipOptions> options, IIncomingCallRouter router, RtpMediaFactory media, TimeProvider time, CallAdmission admission, ILogger<SipEndpoint> logger)
    {
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
        _manager = new SipTransactionManager(this, _time, log: message => TelephonyLog.Sip(_logger, message));
        (_udp, _tcp) = await BindAsync(address).ConfigureAwait(false);
        _udp.Start(_manager);
        _tcp.Start(_manager);
        TelephonyLog.Listening(_logger, address.ToString(), Port);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // UDP and TCP share one port. With port 0 the system picks a free UDP port, whose TCP twin may be taken
    // (by any connection's local port): then pick again.
    private async Task<(UdpSipTransport Udp, TcpSipTransport Tcp)> BindAsync(IPAddress address)
    {
        for (var attempt = 0; ; attempt++)
        {
            var udp = new UdpSipTransport(new IPEndPoint(address, _options.Port), message => TelephonyLog.Sip(_logger, message));
            try
            {
                return (udp, new TcpSipTransport(new IPEndPoint(address, udp.LocalEndPoint.Port), _time, log: message => TelephonyLog.Sip(_logger, message)));
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

        if (_calls.TryGetValue(request.CallId ?? "", out var call))
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
        if (_calls.TryGetValue(ack.CallId ?? "", out var call))
        {
            call.OnRequest(null, ack);
        }
    }

    public void OnCancel(SipServerTransactionHandle invite, SipMessage cancel)
    {
        if (_calls.TryGetValue(cancel.CallId ?? "", out var call))
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
        if (!_admission.TryAdmit(out var retryAfter))
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
        var call = new SipIncomingCall(session, transaction, signalling, leg, _time, Ended);
        Track(call);

        var from = invite.From.SipUri?.User ?? invite.From.Uri;
        var to = invite.RequestSipUri?.User ?? "";
        if (!_router.Offer(from, to, call))
        {
            transaction.Respond(SipResponses.CreateFrom(invite, 404));
            Ended(call);
        }
    }

    /// <summary>
    /// An outgoing call: a <c>sip:</c> URI is dialled directly; a number goes to the configured trunk
    /// (<c>sip:number@trunk-host:port</c>). Without a trunk a number cannot be reached (terminated 480/10037).
    /// </summary>
    public ICallTransport CreateTransport(string target)
    {
        var uri = target.StartsWith("sip:", StringComparison.OrdinalIgnoreCase)
            ? target
            : _options.Trunk.Uri is { } trunk && SipUri.TryParse(trunk.ToString(), out var trunkUri)
                ? $"sip:{target}@{trunkUri!.Host}" + (trunkUri.Port is { } p ? ":" + p.ToString(System.Globalization.CultureInfo.InvariantCulture) : "")
                : null;
        var requestUri = uri is not null && SipUri.TryParse(uri, out var parsed) ? parsed : null;

        if (requestUri is null || _manager is null || _udp is null)
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
                Username = _options.Trunk.Username,
                Password = _options.Trunk.Password,
                RingTimeout = TimeSpan.FromSeconds(_options.RingTimeoutSeconds),
            },
            Settings(reliable: false));
        var fallback = new IPEndPoint(IPAddress.TryParse(requestUri.Host.Trim('[', ']'), out var ip) ? ip : IPAddress.Loopback, requestUri.Port ?? 5060);
        var call = new SipOutgoingCallTransport(session, new SipCallSignalling(_manager, _udp, fallback), media, _time, Ended);
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
        _calls[call.CallId] = call;
        _admission.Started();
    }

    private void Ended(SipCallTransport call)
    {
        if (_calls.TryRemove(new KeyValuePair<string, SipCallTransport>(call.CallId, call)))
        {
            _admission.Ended();
            _ = call.DisposeAsync().AsTask();
        }
    }
}
