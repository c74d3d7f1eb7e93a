using System.Net;
using System.Net.Sockets;
using Hark.Rtp.Sessions;

namespace Hark.Rtp.Tests.Sessions;

public sealed class DatagramReaderTests
{
    [Fact]
    public void Receive_ReadsEveryWaitingDatagramWithItsSenderInOneRead_ThenReportsEmpty()
    {
        using var receiver = Bound();
        using var sender = Bound();
        using var other = Bound();
        var target = (IPEndPoint)receiver.LocalEndPoint!;
        sender.SendTo([1, 2, 3], target);
        other.SendTo([4, 5], target);
        var reader = DatagramReader.Current;

        Assert.Equal(2, ReceiveWhenArrived(reader, receiver));
        Assert.Equal([1, 2, 3], reader.Datagram(0).ToArray());
        Assert.Equal([4, 5], reader.Datagram(1).ToArray());
        Assert.Equal(Native(sender), reader.Sender(0).ToArray());
        Assert.Equal(Native(other), reader.Sender(1).ToArray());
        Assert.Equal(DatagramReader.Empty, reader.Receive(receiver));
    }

    [Fact]
    public void Receive_MoreThanABatchWaiting_ReadsABatchThenTheRest()
    {
        using var receiver = Bound();
        using var sender = Bound();
        var target = (IPEndPoint)receiver.LocalEndPoint!;
        for (byte i = 0; i < DatagramReader.Capacity + 3; i++)
        {
            sender.SendTo([i], target);
        }

        var reader = DatagramReader.Current;
        Assert.Equal(DatagramReader.Capacity, ReceiveWhenArrived(reader, receiver));
        Assert.Equal(DatagramReader.Capacity - 1, reader.Datagram(DatagramReader.Capacity - 1)[0]);
        Assert.Equal(3, reader.Receive(receiver));
        Assert.Equal([DatagramReader.Capacity, DatagramReader.Capacity + 1, DatagramReader.Capacity + 2],
            [reader.Datagram(0)[0], reader.Datagram(1)[0], reader.Datagram(2)[0]]);
    }

    [Fact]
    public void Receive_AllocatesNothing()
    {
        using var receiver = Bound();
        using var sender = Bound();
        var target = (IPEndPoint)receiver.LocalEndPoint!;
        var reader = DatagramReader.Current;
        sender.SendTo([9], target);
        ReceiveWhenArrived(reader, receiver);

        sender.SendTo([9], target);
        sender.SendTo([9], target);
        WaitForData(receiver);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var read = reader.Receive(receiver);
        var empty = reader.Receive(receiver);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(2, read);
        Assert.Equal(DatagramReader.Empty, empty);
        Assert.Equal(0, allocated);
    }

    private static Socket Bound()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { Blocking = false };
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    private static byte[] Native(Socket socket)
    {
        var address = ((IPEndPoint)socket.LocalEndPoint!).Serialize();
        return address.Buffer.Span[..address.Size].ToArray();
    }

    // Loopback delivers inside the send call, so every datagram sent waits once the first does; the wait only
    // guards against a slow scheduler, it is not a timing check.
    private static int ReceiveWhenArrived(DatagramReader reader, Socket socket)
    {
        WaitForData(socket);
        return reader.Receive(socket);
    }

    private static void WaitForData(Socket socket)
    {
        for (var attempt = 0; attempt < 500 && socket.Available == 0; attempt++)
        {
            Thread.Sleep(10);
        }
    }
}
