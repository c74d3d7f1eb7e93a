using System.Net;
using System.Net.Sockets;
using Hark.Sip.Messages;
using Microsoft.Extensions.Logging;

namespace Hark.Sip.Transport;

/// <summary>
/// SIP over TCP (RFC 3261 §18): a listener, a table of connections keyed by the peer's endpoint, one read loop
/// per connection framing messages by Content-Length. Responses go back on the connection their request came
/// on; outbound requests reuse a connection to the target or open one. Idle connections are closed, and so are
/// inbound ones that deliver no complete message in time; connections in total and per address are capped, an
/// inbound one that would leave the process less than its descriptor reserve is closed, and when the process runs
/// out of descriptors all the same the listener pauses rather than spin (see <see cref="SipLimits"/>).
/// </summary>
public sealed partial class TcpSipTransport : ISipTransport
{
    private readonly Socket _listener;
    private readonly TimeProvider _time;
    private readonly SipLimits _limits;
    private readonly SipReceivePath _receive;
    private readonly Lock _gate = new();
    private readonly Dictionary<IPEndPoint, Task<TcpSipConnection>> _connections = [];
    private readonly Dictionary<IPAddress, int> _inboundPerAddress = [];
    private long _refused;
    private readonly CancellationTokenSource _stop = new();
    private Task _accepting = Task.CompletedTask;
    private ITimer? _sweep;
    private DescriptorBudget? _descriptors;
    private ISipTransportSink? _sink;

    /// <summary>Binds and listens at once, so <see cref="LocalEndPoint"/> holds the real port.</summary>
    public TcpSipTransport(IPEndPoint localEndPoint, TimeProvider? time = null, SipLimits? limits = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(localEndPoint);
        _time = time ?? TimeProvider.System;
        _limits = limits ?? SipLimits.Default;
        _limits.Validate();
        _receive = new SipReceivePath("TCP", logger, _time);
        _listener = new Socket(localEndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            _listener.Bind(localEndPoint);
            _listener.Listen(512);
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

    /// <summary>How the listener accepts; tests replace it to make accepting fail as it does out of descriptors.</summary>
    internal Func<Socket, CancellationToken, ValueTask<Socket>> AcceptSocket { get; init; } = static (listener, ct) => listener.AcceptAsync(ct);

    /// <summary>What the listener knows of the process's descriptors; tests replace it to make them short.</summary>
    internal IDescriptorTable DescriptorTable { get; init; } = ProcessDescriptorTable.Instance;

    /// <summary>Inbound connections closed on accept because a limit was reached.</summary>
    public long RefusedConnections => Interlocked.Read(ref _refused);

    public void Start(ISipTransportSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (Interlocked.CompareExchange(ref _sink, sink, null) is not null)
        {
            throw new InvalidOperationException("The transport is already started.");
        }

        var period = TimeSpan.FromTicks(Math.Min(_limits.TcpIdleTimeout.Ticks / 4, _limits.TcpMessageTimeout.Ticks / 2));
        _sweep = _time.CreateTimer(_ => CloseIdle(), null, period, period);
        _descriptors = new DescriptorBudget(DescriptorTable, _limits.DescriptorReserve, _time);
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

        var connection = new TcpSipConnection(socket, target, _time, inbound: false);
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
                socket = await AcceptSocket(_listener, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                // EMFILE/ENFILE (TooManyOpenSockets), ENOBUFS, ENOMEM: the pending connection stays queued and the
                // listener stays readable, so accepting again at once would spin. Pause, then try again.
                if (_receive.Throttle.ShouldLog(IPAddress.None, 5, out var suppressed))
                {
                    SipLog.AcceptFailed(_receive.Logger, ex.SocketErrorCode.ToString(), _limits.AcceptBackOffMilliseconds, suppressed);
                }

                try
                {
                    await Task.Delay(_limits.AcceptBackOff, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            Admit(socket, cancellationToken);
        }
    }

    private void Admit(Socket socket, CancellationToken cancellationToken)
    {
        IPEndPoint remote;
        try
        {
            socket.NoDelay = true;
            remote = (IPEndPoint)socket.RemoteEndPoint!;
        }
        catch (SocketException)
        {
            // Reset before it could be looked at.
            socket.Dispose();
            return;
        }

        if (_descriptors!.IsShort(socket.SafeHandle.DangerousGetHandle(), out var shortage))
        {
            CountRefused("descriptors");
            socket.Dispose();

            // One warning a minute for the whole process: the shortage is the process's, not the peer's.
            if (_receive.Throttle.ShouldLog(IPAddress.None, 8, out var held))
            {
                SipLog.DescriptorsShort(_receive.Logger, remote.Address, shortage.InUse, shortage.Limit, shortage.Kept, held);
            }

            return;
        }

        var connection = new TcpSipConnection(socket, remote, _time, inbound: true);
        string? refusal = null;
        var reason = "";
        lock (_gate)
        {
            _inboundPerAddress.TryGetValue(remote.Address, out var fromAddress);
            if (_connections.Count >= _limits.MaxTcpConnections)
            {
                refusal = $"{_connections.Count} connections are open, the limit";
                reason = "limit";
            }
            else if (fromAddress >= _limits.MaxTcpConnectionsPerAddress)
            {
                refusal = $"{fromAddress} connections from it are open, the limit";
                reason = "address";
            }
            else
            {
                _inboundPerAddress[remote.Address] = fromAddress + 1;
                _connections[remote] = Task.FromResult(connection);
            }
        }

        if (refusal is not null)
        {
            CountRefused(reason);
            connection.Dispose();
            if (_receive.Throttle.ShouldLog(remote.Address, 4, out var suppressed))
            {
                SipLog.ConnectionRefused(_receive.Logger, remote.Address, refusal, suppressed);
            }

            return;
        }

        connection.Reading = ReadLoopAsync(connection, cancellationToken);
    }

    private void CountRefused(string reason)
    {
        Interlocked.Increment(ref _refused);
        SipMetrics.TcpRefused(reason);
    }

    private void CloseIdle()
    {
        var idle = new List<TcpSipConnection>();
        var stalled = new List<TcpSipConnection>();
        lock (_gate)
        {
            foreach (var task in _connections.Values)
            {
                if (!task.IsCompletedSuccessfully)
                {
                    continue;
                }

                if (task.Result.IdleFor >= _limits.TcpIdleTimeout)
                {
                    idle.Add(task.Result);
                }
                else if (task.Result.MessagePendingFor >= _limits.TcpMessageTimeout)
                {
                    stalled.Add(task.Result);
                }
            }
        }

        foreach (var connection in idle)
        {
            SipLog.IdleClosed(_receive.Logger, connection.Remote);
            connection.Close();
        }

        foreach (var connection in stalled)
        {
            if (_receive.Throttle.ShouldLog(connection.Remote.Address, 6, out var suppressed))
            {
                SipLog.MessageTimeout(_receive.Logger, connection.Remote.Address, _limits.TcpMessageTimeoutSeconds, suppressed);
            }

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
                if (connection.Inbound && _inboundPerAddress.TryGetValue(connection.Remote.Address, out var count))
                {
                    if (count <= 1)
                    {
                        _inboundPerAddress.Remove(connection.Remote.Address);
                    }
                    else
                    {
                        _inboundPerAddress[connection.Remote.Address] = count - 1;
                    }
                }
            }
        }
    }
}
