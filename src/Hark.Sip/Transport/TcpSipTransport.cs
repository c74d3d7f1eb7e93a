using System.Net;
using System.Net.Sockets;
using Hark.Sip.Messages;

namespace Hark.Sip.Transport;

/// <summary>
/// SIP over TCP (RFC 3261 §18): a listener, a table of connections keyed by the peer's endpoint, one read loop
/// per connection framing messages by Content-Length. Responses go back on the connection their request came
/// on; outbound requests reuse a connection to the target or open one. Idle connections are closed.
/// </summary>
public sealed partial class TcpSipTransport : ISipTransport
{
    private readonly Socket _listener;
    private readonly TimeProvider _time;
    private readonly TimeSpan _idleTimeout;
    private readonly Action<string>? _log;
    private readonly Lock _gate = new();
    private readonly Dictionary<IPEndPoint, Task<TcpSipConnection>> _connections = [];
    private readonly CancellationTokenSource _stop = new();
    private Task _accepting = Task.CompletedTask;
    private ITimer? _sweep;
    private ISipTransportSink? _sink;

    /// <summary>Binds and listens at once, so <see cref="LocalEndPoint"/> holds the real port.</summary>
    /// <param name="idleTimeout">How long a connection may carry nothing before it is closed; default 5 minutes.</param>
    public TcpSipTransport(IPEndPoint localEndPoint, TimeProvider? time = null, TimeSpan? idleTimeout = null, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(localEndPoint);
        _time = time ?? TimeProvider.System;
        _idleTimeout = idleTimeout ?? TimeSpan.FromMinutes(5);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_idleTimeout, TimeSpan.Zero, nameof(idleTimeout));
        _log = log;
        _listener = new Socket(localEndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            _listener.Bind(localEndPoint);
            _listener.Listen(128);
        }
        catch
        {
            _listener.Dispose();
            throw;
        }

        LocalEndPoint = (IPEndPoint)_listener.LocalEndPoint!;
    }

    public SipTransportKind Kind => SipTransportKind.Tcp;

    public bool IsReliable => true;

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Open connections, inbound and outbound.</summary>
    public int ConnectionCount
    {
        get
        {
            lock (_gate)
            {
                return _connections.Count;
            }
        }
    }

    public void Start(ISipTransportSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (Interlocked.CompareExchange(ref _sink, sink, null) is not null)
        {
            throw new InvalidOperationException("The transport is already started.");
        }

        var period = _idleTimeout / 4;
        _sweep = _time.CreateTimer(_ => CloseIdle(), null, period, period);
        _accepting = AcceptLoopAsync(_stop.Token);
    }

    public async ValueTask SendRequestAsync(ReadOnlyMemory<byte> message, IPEndPoint target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var connection = await GetOrConnectAsync(target).ConfigureAwait(false);
        await connection.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask SendResponseAsync(SipMessage response, ReadOnlyMemory<byte> message, IPEndPoint requestSource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(requestSource);
        Task<TcpSipConnection>? existing;
        lock (_gate)
        {
            _connections.TryGetValue(requestSource, out existing);
        }

        TcpSipConnection connection;
        if (existing is not null)
        {
            connection = await existing.ConfigureAwait(false);
        }
        else
        {
            // §18.2.2: the request's connection is gone, so open one to received (or sent-by) at the sent-by port.
            var via = response.TopVia;
            var target = await SipResponseTarget.ResolveAsync(
                (via.Received ?? via.Host).Trim('[', ']'), via.Port ?? SipResponseTarget.DefaultPort, _listener.AddressFamily, cancellationToken).ConfigureAwait(false);
            connection = await GetOrConnectAsync(target).ConfigureAwait(false);
        }

        await connection.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_sweep is not null)
        {
            await _sweep.DisposeAsync().ConfigureAwait(false);
        }

        _listener.Dispose();
        List<Task<TcpSipConnection>> pending;
        lock (_gate)
        {
            pending = [.. _connections.Values];
        }

        var reads = new List<Task> { _accepting };
        foreach (var task in pending)
        {
            if (task.IsCompletedSuccessfully)
            {
                task.Result.Close();
                reads.Add(task.Result.Reading);
            }
        }

        try
        {
            await Task.WhenAll(reads).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private Task<TcpSipConnection> GetOrConnectAsync(IPEndPoint target)
    {
        lock (_gate)
        {
            // A failed attempt left in the table (it can fail before it is stored) is replaced by a new one.
            if (!_connections.TryGetValue(target, out var pending) || pending.IsFaulted || pending.IsCanceled)
            {
                pending = ConnectAsync(target);
                _connections[target] = pending;
            }

            return pending;
        }
    }

    private async Task<TcpSipConnection> ConnectAsync(IPEndPoint target)
    {
        var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(target, _stop.Token).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            lock (_gate)
            {
                // Forget the failed attempt so the next send tries again.
                if (_connections.TryGetValue(target, out var current) && !current.IsCompletedSuccessfully)
                {
                    _connections.Remove(target);
                }
            }

            throw;
        }

        var connection = new TcpSipConnection(socket, target, _time);
        connection.Reading = ReadLoopAsync(connection, _stop.Token);
        return connection;
    }

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                _log?.Invoke($"SIP TCP: accept failed: {ex.SocketErrorCode}");
                continue;
            }

            socket.NoDelay = true;
            var remote = (IPEndPoint)socket.RemoteEndPoint!;
            var connection = new TcpSipConnection(socket, remote, _time);
            lock (_gate)
            {
                _connections[remote] = Task.FromResult(connection);
            }

            connection.Reading = ReadLoopAsync(connection, cancellationToken);
        }
    }

    private void CloseIdle()
    {
        var idle = new List<TcpSipConnection>();
        lock (_gate)
        {
            foreach (var task in _connections.Values)
            {
                if (task.IsCompletedSuccessfully && task.Result.IdleFor >= _idleTimeout)
                {
                    idle.Add(task.Result);
                }
            }
        }

        foreach (var connection in idle)
        {
            _log?.Invoke($"SIP TCP: closing idle connection to {connection.Remote}");
            connection.Close();
        }
    }

    private void Forget(TcpSipConnection connection)
    {
        lock (_gate)
        {
            if (_connections.TryGetValue(connection.Remote, out var current) && current.IsCompletedSuccessfully && current.Result == connection)
            {
                _connections.Remove(connection.Remote);
            }
        }
    }
}
