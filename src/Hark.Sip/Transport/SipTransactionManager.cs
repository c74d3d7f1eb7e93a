using System.Collections.Concurrent;
using System.Net;
using Hark.Sip.Messages;
using Hark.Sip.Transactions;
using Microsoft.Extensions.Logging;

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
/// Limits (<see cref="SipLimits"/>): requests beyond a source address's rate are dropped unanswered (an answer
/// would reflect a spoofed flood at its victim); a new request beyond the transaction cap gets 503 with
/// Retry-After without a transaction; a request merged with one in progress (§8.2.2.2) gets 482.
/// </remarks>
public sealed partial class SipTransactionManager : ISipTransportSink, IDisposable
{
    private readonly ISipRequestHandler _handler;
    private readonly TimeProvider _time;
    private readonly SipTimerSettings _settings;
    private readonly SipLimits _limits;
    private readonly SipReceivePath _receive;
    private readonly SipSourceRateLimiter _rate;
    private readonly ConcurrentDictionary<SipTransactionKey, SipServerTransactionHandle> _servers = new();
    private readonly ConcurrentDictionary<string, SipServerTransactionHandle> _byRequestIdentity = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<SipTransactionKey, SipClientTransaction> _clients = new();
    private readonly ConcurrentDictionary<string, SipServerTransactionHandle> _invitesByCancelKey = new();
    private volatile bool _disposed;
    private long _rateLimited;
    private long _overloaded;

    public SipTransactionManager(
        ISipRequestHandler handler, TimeProvider? time = null, SipTimerSettings? timers = null, SipLimits? limits = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _handler = handler;
        _time = time ?? TimeProvider.System;
        _settings = timers ?? SipTimerSettings.Default;
        _limits = limits ?? SipLimits.Default;
        _limits.Validate();
        _receive = new SipReceivePath("transaction layer", logger, _time);
        _rate = new SipSourceRateLimiter(_time, _limits.RequestsPerSecondPerAddress, _limits.RequestBurstPerAddress, _limits.MaxTrackedAddresses);
    }

    /// <summary>Requests dropped for their source's rate.</summary>
    public long RateLimitedRequests => Interlocked.Read(ref _rateLimited);

    /// <summary>New requests answered 503 because the transaction table was full.</summary>
    public long OverloadedRequests => Interlocked.Read(ref _overloaded);

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

        if (!_rate.TryTake(source.Address))
        {
            Interlocked.Increment(ref _rateLimited);
            if (_receive.Throttle.ShouldLog(source.Address, 2, out var dropped))
            {
                SipLog.RateLimited(_receive.Logger, source.Address, _limits.RequestsPerSecondPerAddress, dropped);
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
            CallHandler(() => _handler.OnAck(message, transport, source), source);
            return;
        }

        // BYE and CANCEL end calls, so they keep a small reserve above the cap that new work cannot use.
        var cap = message.Method is SipMethods.Bye or SipMethods.Cancel ? _limits.MaxServerTransactions + (_limits.MaxServerTransactions / 8) : _limits.MaxServerTransactions;
        if (_servers.Count >= cap)
        {
            RefuseOverloaded(message, transport, source);
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

        // §8.2.2.2: no To tag, and From tag, Call-ID and CSeq of a transaction in progress, yet another
        // transaction: the same request reached Hark twice (forked and merged, or re-sent with a new branch).
        if (RequestIdentity(message) is { } identity && !_byRequestIdentity.TryAdd(identity, created))
        {
            created.Merged = true;
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
        _byRequestIdentity.Clear();
    }

    internal ILogger Logger => _receive.Logger;

    internal void HandlerFailed(Exception exception, IPAddress source) => _receive.HandlerFailed(exception, source);

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
            SipLog.SendFailed(Logger, ex.Message);
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
            SipLog.SendFailed(Logger, ex.Message);
            onFailed();
        }
    }

    /// <summary>What identifies a request for merge detection (§8.2.2.2); null for in-dialog requests and ACK/CANCEL.</summary>
    private static string? RequestIdentity(SipMessage request) =>
        request.To.Tag is null && request.Method is not (SipMethods.Ack or SipMethods.Cancel) && request.From.Tag is { } fromTag
            ? $"{fromTag}|{request.CallId}|{request.CSeq.Number}|{request.CSeq.Method}"
            : null;

    private void Forget(SipServerTransactionHandle transaction)
    {
        if (RequestIdentity(transaction.Request) is { } identity)
        {
            _byRequestIdentity.TryRemove(new KeyValuePair<string, SipServerTransactionHandle>(identity, transaction));
        }
    }

    private void RefuseOverloaded(SipMessage request, ISipTransport transport, IPEndPoint source)
    {
        Interlocked.Increment(ref _overloaded);
        if (_receive.Throttle.ShouldLog(IPAddress.None, 3, out var suppressed))
        {
            SipLog.TransactionsFull(Logger, _servers.Count, source.Address, suppressed);
        }

        // §21.5.4: 503 with Retry-After, sent without a transaction so the refusal itself costs no table entry.
        var response = SipResponses.CreateFrom(request, 503, toTag: request.To.Tag is null ? SipIdentifiers.NewTag() : null, extraHeaders:
            [new SipHeader("Retry-After", _limits.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        TrySend(() => transport.SendResponseAsync(response, SipMessageWriter.ToArray(response), source), () => { });
    }

    private void CallHandler(Action call, IPEndPoint source)
    {
        try
        {
            call();
        }
#pragma warning disable CA1031 // A throwing TU must not break the transport's receive loop.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _receive.HandlerFailed(ex, source.Address);
        }
    }
}
