using System.Collections.Concurrent;
using System.Net;
using Hark.Sip.Messages;
using Hark.Sip.Transactions;

namespace Hark.Sip.Transport;

/// <summary>
/// The transaction layer (RFC 3261 §17): matches each message a transport reads to its client or server
/// transaction, creates server transactions for new requests and hands those to the TU, runs client
/// transactions for requests the TU sends, and drops transactions once they terminate.
/// </summary>
/// <remarks>
/// Concurrency: the tables are concurrent; each transaction has its own lock, taken for every input (message,
/// TU response, timer), so one transaction's state machine never sees two inputs at once while different
/// transactions run in parallel. The TU and the response callbacks are called outside those locks.
/// </remarks>
public sealed partial class SipTransactionManager : ISipTransportSink, IDisposable
{
    private readonly ISipRequestHandler _handler;
    private readonly TimeProvider _time;
    private readonly SipTimerSettings _settings;
    private readonly Action<string>? _log;
    private readonly ConcurrentDictionary<SipTransactionKey, SipServerTransactionHandle> _servers = new();
    private readonly ConcurrentDictionary<SipTransactionKey, SipClientTransaction> _clients = new();
    private readonly ConcurrentDictionary<string, SipServerTransactionHandle> _invitesByCancelKey = new();
    private volatile bool _disposed;

    public SipTransactionManager(ISipRequestHandler handler, TimeProvider? time = null, SipTimerSettings? timers = null, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _handler = handler;
        _time = time ?? TimeProvider.System;
        _settings = timers ?? SipTimerSettings.Default;
        _log = log;
    }

    /// <summary>Live server transactions.</summary>
    public int ServerTransactionCount => _servers.Count;

    /// <summary>Live client transactions.</summary>
    public int ClientTransactionCount => _clients.Count;

    /// <summary>Entry point for transports: a parsed message and where it came from.</summary>
    public void OnMessage(ISipTransport transport, SipMessage message, IPEndPoint source)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(source);
        if (_disposed)
        {
            return;
        }

        if (message.IsResponse)
        {
            // §17.1.3: a response matches by top Via branch and CSeq method; strays are dropped (§18.1.2).
            if (_clients.TryGetValue(SipTransactionKey.ForClientResponse(message), out var client))
            {
                client.OnResponse(message);
            }

            return;
        }

        var key = SipTransactionKey.ForServer(message);
        if (_servers.TryGetValue(key, out var existing))
        {
            existing.OnRequest(message, source);
            return;
        }

        if (message.Method == SipMethods.Ack)
        {
            // No INVITE transaction: the ACK for a 2xx, which belongs to the dialog (§17.2.3, §13.3.1.4).
            CallHandler(() => _handler.OnAck(message, transport, source));
            return;
        }

        var created = new SipServerTransactionHandle(this, message, transport, source, _settings, _time);
        if (!_servers.TryAdd(key, created))
        {
            // The same request arrived on two connections at once; the first one owns the transaction.
            created.DisposeTimers();
            if (_servers.TryGetValue(key, out existing))
            {
                existing.OnRequest(message, source);
            }

            return;
        }

        if (message.Method == SipMethods.Invite)
        {
            _invitesByCancelKey[CancelKey(message)] = created;
        }

        created.Start();
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (var server in _servers.Values)
        {
            server.DisposeTimers();
        }

        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        _servers.Clear();
        _clients.Clear();
        _invitesByCancelKey.Clear();
    }

    internal void Log(string message) => _log?.Invoke(message);

    /// <summary>Starts a send; false when it failed at once. A later failure calls <paramref name="onFailed"/>.</summary>
    internal bool TrySend(Func<ValueTask> send, Action onFailed)
    {
        ValueTask sending;
        try
        {
            sending = send();
        }
#pragma warning disable CA1031 // Any send failure is a transport error for the transaction (§17.1.4, §17.2.4).
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log($"SIP: send failed: {ex.Message}");
            return false;
        }

        if (!sending.IsCompletedSuccessfully)
        {
            _ = ObserveAsync(sending, onFailed);
        }

        return true;
    }

    internal void Remove(SipClientTransaction client) =>
        _clients.TryRemove(new KeyValuePair<SipTransactionKey, SipClientTransaction>(client.Key, client));

    /// <summary>What a CANCEL shares with its INVITE (§9.2): branch and sent-by, or the RFC 2543 fields.</summary>
    private static string CancelKey(SipMessage request)
    {
        var via = request.TopVia;
        return via.HasRfc3261Branch
            ? $"{via.Branch}|{via.Host.ToLowerInvariant()}:{via.Port}"
            : $"2543|{request.RequestUri}|{request.From.Tag}|{request.CallId}|{request.CSeq.Number}|{via}";
    }

    private async Task ObserveAsync(ValueTask sending, Action onFailed)
    {
        try
        {
            await sending.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // See TrySend.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log($"SIP: send failed: {ex.Message}");
            onFailed();
        }
    }

    private void CallHandler(Action call)
    {
        try
        {
            call();
        }
#pragma warning disable CA1031 // A throwing TU must not break the transport's receive loop.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log($"SIP: request handler failed: {ex.Message}");
        }
    }
}
