using System.Net;
using Hark.Sip.Messages;

namespace Hark.Sip.Transport;

/// <summary>Client side: requests the TU sends, in a transaction or (the ACK for a 2xx) without one.</summary>
public sealed partial class SipTransactionManager
{
    /// <summary>
    /// Sends <paramref name="request"/> in a new client transaction (its top Via needs an RFC 3261 branch, see
    /// <see cref="SipIdentifiers.NewBranch"/>). Every response the transaction delivers (provisionals, the final,
    /// and for an INVITE further 2xx from forks or retransmissions) goes to <paramref name="onResponse"/>; the task
    /// completes with the first final response, or a local 408 on timeout or 503 on transport failure (§8.1.3.1).
    /// <paramref name="cancellationToken"/> stops the wait only; the transaction runs to its end.
    /// </summary>
    public Task<SipMessage> SendRequestAsync(
        SipMessage request, IPEndPoint target, ISipTransport transport, Action<SipMessage>? onResponse = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(transport);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!request.IsRequest || request.Method == SipMethods.Ack)
        {
            throw new ArgumentException("an ACK has no transaction: use SendStatelessAsync", nameof(request));
        }

        var client = new SipClientTransaction(this, request, transport, target, onResponse, _settings, _time);
        if (!_clients.TryAdd(client.Key, client))
        {
            throw new InvalidOperationException($"A client transaction with branch {request.TopVia.Branch} is already running.");
        }

        client.Start();
        return client.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Sends a request outside any transaction: the ACK for a 2xx (§13.2.2.4), which the TU retransmits itself.</summary>
    public async ValueTask SendStatelessAsync(SipMessage request, IPEndPoint target, ISipTransport transport, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(transport);
        ObjectDisposedException.ThrowIf(_disposed, this);
        await transport.SendRequestAsync(SipMessageWriter.ToArray(request), target, cancellationToken).ConfigureAwait(false);
    }
}
