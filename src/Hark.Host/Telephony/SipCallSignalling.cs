using System.Net;
using Hark.Sip.Messages;
using Hark.Sip.Transport;

namespace Hark.Host.Telephony;

/// <summary>One call's way out: responses on their transactions, requests to the dialog's next hop over the call's transport.</summary>
internal sealed class SipCallSignalling(SipTransactionManager manager, ISipTransport transport, IPEndPoint fallbackTarget) : ISipCallSignalling
{
    public void Respond(object serverTransaction, SipMessage response) => ((SipServerTransactionHandle)serverTransaction).Respond(response);

    public void SendStateless(SipMessage request) =>
        manager.SendStatelessAsync(request, NextHop(request), transport).AsTask().Forget();

    public void SendRequest(SipMessage request, Action<SipMessage> onResponse, Action onTimeout)
    {
        // Provisional responses come through the callback; the final one (or the transaction's own 408/503) once.
        manager.SendRequestAsync(request, NextHop(request), transport, r => { if (r.StatusCode < 200) { onResponse(r); } })
            .ContinueWith(
                t =>
                {
                    if (t.IsCompletedSuccessfully)
                    {
                        onResponse(t.Result);
                    }
                    else
                    {
                        onTimeout();
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
    }

    // RFC 3261 §8.1.2: the first Route when there is a route set, else the Request-URI. A name that does not
    // resolve falls back to where the dialog's first request came from.
    private IPEndPoint NextHop(SipMessage request)
    {
        var uri = request.Routes.Count > 0 && request.Routes[0].SipUri is { } route ? route : request.RequestSipUri;
        if (uri is null)
        {
            return fallbackTarget;
        }

        var host = uri.Host.Trim('[', ']');
        var port = uri.Port ?? 5060;
        if (IPAddress.TryParse(host, out var address))
        {
            return new IPEndPoint(address, port);
        }

        try
        {
            var resolved = Dns.GetHostAddresses(host);
            return resolved.Length > 0 ? new IPEndPoint(resolved[0], port) : fallbackTarget;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return fallbackTarget;
        }
    }
}
