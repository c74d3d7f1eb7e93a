using System.Net;
using Hark.Calls.Lifecycle;
using Hark.Sip.Messages;
using Hark.Sip.Transport;

namespace Hark.Telephony;

/// <summary>One call's way out: responses on their transactions, requests to the dialog's next hop over the call's transport.</summary>
/// <remarks>
/// <paramref name="fallbackTarget"/> is where the peer's requests came from (incoming calls), used when a next hop
/// cannot be found; null for outgoing calls, whose requests then fail with a local 503 (RFC 3261 §8.1.3.1).
/// </remarks>
internal sealed class SipCallSignalling(SipTransactionManager manager, ISipTransport transport, IPEndPoint? fallbackTarget) : ISipCallSignalling
{
    public void Respond(object serverTransaction, SipMessage response) => ((SipServerTransactionHandle)serverTransaction).Respond(response);

    public void SendStateless(SipMessage request) => SendStatelessAsync(request).Forget();

    public void SendRequest(SipMessage request, Action<SipMessage> onResponse, Action onTimeout) =>
        SendRequestAsync(request, onResponse, onTimeout).Forget();

    private async Task SendStatelessAsync(SipMessage request)
    {
        if (await NextHopAsync(request).ConfigureAwait(false) is { } hop)
        {
            await manager.SendStatelessAsync(request, hop, transport).ConfigureAwait(false);
        }
    }

    private async Task SendRequestAsync(SipMessage request, Action<SipMessage> onResponse, Action onTimeout)
    {
        if (await NextHopAsync(request).ConfigureAwait(false) is not { } hop)
        {
            onResponse(SipResponses.CreateFrom(request, 503, "Next hop not found"));
            return;
        }

        SipMessage final;
        try
        {
            // Provisional responses come through the callback; the final one (or the transaction's own 408/503) once.
            final = await manager.SendRequestAsync(
                request, hop, transport, r => { if (r.StatusCode < 200) { onResponse(r); } })
                .ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A request that could not be sent at all ends like one that was never answered.
        catch (Exception)
#pragma warning restore CA1031
        {
            onTimeout();
            return;
        }

        onResponse(final);
    }

    // RFC 3261 §8.1.2: the first Route when there is a route set, else the Request-URI. A name that does not
    // resolve falls back to where the dialog's first request came from, or to nothing. Address literals need no lookup, so
    // those requests go out in the order they were made.
    private async ValueTask<IPEndPoint?> NextHopAsync(SipMessage request)
    {
        var uri = request.Routes.Count > 0 && request.Routes[0].SipUri is { } route ? route : request.RequestSipUri;
        if (uri is null)
        {
            return fallbackTarget;
        }

        var host = uri.Host.Trim('[', ']');
        var port = uri.Port ?? SipResponseTarget.DefaultPort;
        var family = transport.LocalEndPoint.AddressFamily;
        if (SipResponseTarget.TryGetLiteral(host, port, family, out var literal))
        {
            return literal;
        }

        try
        {
            return await SipResponseTarget.ResolveAsync(host, port, family, CancellationToken.None).ConfigureAwait(false);
        }
        catch (System.Net.Sockets.SocketException)
        {
            return fallbackTarget;
        }
    }
}
