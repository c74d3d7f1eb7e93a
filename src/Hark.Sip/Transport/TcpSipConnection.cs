using System.Net;
using System.Net.Sockets;

namespace Hark.Sip.Transport;

/// <summary>One TCP connection of a <see cref="TcpSipTransport"/>: its socket, serialized writes and last activity.</summary>
internal sealed class TcpSipConnection : IDisposable
{
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly TimeProvider _time;
    private long _lastActivityTicks;
    private long _messageStartedTicks;
    private int _closed;
    private volatile bool _spoken;

    public TcpSipConnection(Socket socket, IPEndPoint remote, TimeProvider time, bool inbound)
    {
        Socket = socket;
        Remote = remote;
        Inbound = inbound;
        _time = time;
        Touch();

        // An inbound connection owes its first message from the start; an outbound one owes nothing until it speaks.
        _messageStartedTicks = inbound ? _time.GetUtcNow().UtcTicks : 0;
        _spoken = !inbound;
    }

    /// <summary>True when the peer connected to Hark.</summary>
    public bool Inbound { get; }

    /// <summary>How long the message now being received has been under way (zero when none is).</summary>
    public TimeSpan MessagePendingFor
    {
        get
        {
            var started = Interlocked.Read(ref _messageStartedTicks);
            return started == 0 ? TimeSpan.Zero : _time.GetUtcNow() - new DateTimeOffset(started, TimeSpan.Zero);
        }
    }

    public Socket Socket { get; }

    /// <summary>The peer's address and port: the connection table key.</summary>
    public IPEndPoint Remote { get; }

    /// <summary>The read loop, once started.</summary>
    public Task Reading { get; set; } = Task.CompletedTask;

    public TimeSpan IdleFor => _time.GetUtcNow() - new DateTimeOffset(Interlocked.Read(ref _lastActivityTicks), TimeSpan.Zero);

    public void Touch() => Interlocked.Exchange(ref _lastActivityTicks, _time.GetUtcNow().UtcTicks);

    /// <summary>A whole message arrived (before it is dispatched, so its answer never races the sweep).</summary>
    public void MessageReceived()
    {
        _spoken = true;
        Interlocked.Exchange(ref _messageStartedTicks, 0);
    }

    /// <summary>After each read: whether part of a message is still waiting for the rest.</summary>
    public void SetPending(bool pending)
    {
        // Keep-alives alone do not pay the first-message debt: until a whole message came, the clock runs.
        if (!pending && _spoken)
        {
            Interlocked.Exchange(ref _messageStartedTicks, 0);
        }
        else if (Interlocked.Read(ref _messageStartedTicks) == 0)
        {
            Interlocked.Exchange(ref _messageStartedTicks, _time.GetUtcNow().UtcTicks);
        }
    }

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
