using System.Net;
using System.Net.Sockets;
using Hark.Sip.Messages;

namespace Hark.Sip.Tests.Transport;

/// <summary>The far end of a UDP test: a plain socket on 127.0.0.1 that sends text and reads messages.</summary>
internal sealed class UdpPeer : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly byte[] _buffer = new byte[65_535];

    public UdpPeer() => _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));

    public IPEndPoint EndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    public int Port => EndPoint.Port;

    public void Send(string text, IPEndPoint to) => _socket.SendTo(SipWire.Bytes(text), to);

    public void Send(SipMessage message, IPEndPoint to) => _socket.SendTo(SipMessageWriter.ToArray(message), to);

    /// <summary>The next datagram as a message; fails the test if none comes within a few seconds.</summary>
    public async Task<(SipMessage Message, IPEndPoint From)> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var result = await _socket.ReceiveFromAsync(_buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), timeout.Token);
        return (SipWire.Parse(_buffer.AsSpan(0, result.ReceivedBytes)), (IPEndPoint)result.RemoteEndPoint);
    }

    public async Task<SipMessage> ReceiveMessageAsync() => (await ReceiveAsync()).Message;

    public void Dispose() => _socket.Dispose();
}
