using System.Net;
using System.Net.Sockets;
using Hark.Sip.Messages;

namespace Hark.Sip.Tests.Transport;

/// <summary>The far end of a TCP test: one connected socket that writes raw segments and reads framed messages.</summary>
internal sealed class TcpPeer : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);
    private readonly byte[] _buffer = new byte[65_535];
    private int _filled;

    public TcpPeer(Socket socket) => Socket = socket;

    public Socket Socket { get; }

    public static async Task<TcpPeer> ConnectAsync(IPEndPoint to)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(to);
        return new TcpPeer(socket);
    }

    public async Task SendAsync(string text) => await Socket.SendAsync(SipWire.Bytes(text), SocketFlags.None);

    public async Task SendAsync(SipMessage message) => await Socket.SendAsync(SipMessageWriter.ToArray(message), SocketFlags.None);

    /// <summary>The next whole message on the stream.</summary>
    public async Task<SipMessage> ReceiveMessageAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            if (SipStreamFramer.TryFrame(_buffer.AsSpan(0, _filled), out var length) == SipFrameStatus.Complete)
            {
                var message = SipMessage.Parse(_buffer.AsSpan(0, length), SipFraming.Stream);
                _buffer.AsSpan(length, _filled - length).CopyTo(_buffer);
                _filled -= length;
                return message;
            }

            var read = await Socket.ReceiveAsync(_buffer.AsMemory(_filled), SocketFlags.None, timeout.Token);
            if (read == 0)
            {
                throw new InvalidOperationException("connection closed");
            }

            _filled += read;
        }
    }

    /// <summary>Raw octets: the next read, or an empty array once Hark closed the connection.</summary>
    public async Task<byte[]> ReceiveRawAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var read = await Socket.ReceiveAsync(_buffer, SocketFlags.None, timeout.Token);
        return _buffer.AsSpan(0, read).ToArray();
    }

    public void Dispose() => Socket.Dispose();
}
