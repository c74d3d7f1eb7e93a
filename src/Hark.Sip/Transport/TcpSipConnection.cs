using System.Net;
using System.Net.Sockets;

namespace Hark.Sip.Transport;

/// <summary>One TCP connection of a <see cref="TcpSipTransport"/>: its socket, serialized writes and last activity.</summary>
internal sealed class TcpSipConnection : IDisposable
{
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly TimeProvider _time;
    private long _lastActivityTicks;
    private int _closed;

    public TcpSipConnection(Socket socket, IPEndPoint remote, TimeProvider time)
    {
        Socket = socket;
        Remote = remote;
        _time = time;
        Touch();
    }

    public Socket Socket { get; }

    /// <summary>The peer's address and port: the connection table key.</summary>
    public IPEndPoint Remote { get; }

    /// <summary>The read loop, once started.</summary>
    public Task Reading { get; set; } = Task.CompletedTask;

    public TimeSpan IdleFor => _time.GetUtcNow() - new DateTimeOffset(Interlocked.Read(ref _lastActivityTicks), TimeSpan.Zero);

    public void Touch() => Interlocked.Exchange(ref _lastActivityTicks, _time.GetUtcNow().UtcTicks);

    /// <summary>Writes a whole message; writes are queued so two messages never interleave on the stream.</summary>
    public async ValueTask SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (!data.IsEmpty)
            {
                var sent = await Socket.SendAsync(data, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                data = data[sent..];
            }

            Touch();
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>Closes the socket; the read loop then ends and drops the connection from the table.</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        try
        {
            Socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already reset by the peer.
        }

        Socket.Dispose();
    }

    public void Dispose()
    {
        Close();
        _sending.Dispose();
    }
}
