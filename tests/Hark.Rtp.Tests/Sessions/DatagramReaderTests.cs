using System.Net;
using System.Net.Sockets;
using Hark.Rtp.Sessions;

namespace Hark.Rtp.Tests.Sessions;

public sealed class DatagramReaderTests
{
    [Fact]
    public void Receive_ReadsEachWaitingDatagramWithItsSender_ThenReportsEmpty()
    {
        using var receiver = Bound();
        using var sender = Bound();
        receiver.Blocking = false;
        var target = (IPEndPoint)receiver.LocalEndPoint!;
        sender.SendTo([1, 2, 3], target);
        sender.SendTo([4, 5], target);
        var buffer = new byte[64];
        var from = new SocketAddress(AddressFamily.InterNetwork);

        var first = ReceiveWhenArrived(receiver, buffer, from);
        Assert.Equal(3, first);
        Assert.Equal([1, 2, 3], buffer[..3]);
        Assert.Equal(((IPEndPoint)sender.LocalEndPoint!).Serialize(), from);

        Assert.Equal(2, ReceiveWhenArrived(receiver, buffer, from));
        Assert.Equal([4, 5], buffer[..2]);
        Assert.Equal(DatagramReader.Empty, DatagramReader.Receive(receiver, buffer, from));
    }

    [Fact]
    public void Receive_AllocatesNothing()
    {
        using var receiver = Bound();
        using var sender = Bound();
        receiver.Blocking = false;
        var target = (IPEndPoint)receiver.LocalEndPoint!;
        var buffer = new byte[64];
        var from = new SocketAddress(AddressFamily.InterNetwork);
        sender.SendTo([9], target);
        ReceiveWhenArrived(receiver, buffer, from);

        sender.SendTo([9], target);
        Thread.Sleep(20);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var read = DatagramReader.Receive(receiver, buffer, from);
        var empty = DatagramReader.Receive(receiver, buffer, from);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(1, read);
        Assert.Equal(DatagramReader.Empty, empty);
        Assert.Equal(0, allocated);
    }

    private static Socket Bound()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    // Loopback delivery is immediate in practice; the loop only guards against a slow scheduler, not a timing check.
    private static int ReceiveWhenArrived(Socket socket, byte[] buffer, SocketAddress from)
    {
        for (var attempt = 0; attempt < 500; attempt++)
        {
            var read = DatagramReader.Receive(socket, buffer, from);
            if (read != DatagramReader.Empty)
            {
                return read;
            }

            Thread.Sleep(10);
        }

        return DatagramReader.Empty;
    }
}
