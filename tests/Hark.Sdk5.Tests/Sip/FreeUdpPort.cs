using System.Net;
using System.Net.Sockets;

namespace Hark.Sdk5.Tests.Sip;

/// <summary>Loopback ports free right now, for a SIPp that must be told its ports before it starts.</summary>
internal static class FreeUdpPort
{
    // Below Hark's default RTP range (20000-29999) and the Linux ephemeral range (32768+), so a port
    // found free here is not handed to some other socket a moment later.
    private const int BlockRangeStart = 10000;
    private const int BlockRangeEnd = 19999;

    // Ports handed out in this process: parallel tests must not be given the same ones before SIPp binds them.
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>A port free for both UDP and TCP on 127.0.0.1 (SIPp's SIP port may be either).</summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)udp.LocalEndPoint!).Port;
            if (IsFree(port, SocketType.Stream, ProtocolType.Tcp) && Reserve(port, 1))
            {
                return port;
            }
        }

        throw new InvalidOperationException("No port free for both UDP and TCP on 127.0.0.1.");
    }

    /// <summary>
    /// The first of <paramref name="count"/> consecutive UDP ports, all free: SIPp binds -mp and -mp+2
    /// and sends each call's RTP from -mp + 4 x (call number - 1).
    /// </summary>
    public static int NextBlock(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var start = Random.Shared.Next(BlockRangeStart / 2, (BlockRangeEnd - count) / 2) * 2;
            var held = new List<Socket>();
            try
            {
                for (var port = start; port < start + count && TryBind(port, out var socket); port++)
                {
                    held.Add(socket);
                }

                if (held.Count == count && Reserve(start, count))
                {
                    return start;
                }
            }
            finally
            {
                held.ForEach(s => s.Dispose());
            }
        }

        throw new InvalidOperationException($"No block of {count} free UDP ports on 127.0.0.1.");
    }

    private static bool Reserve(int start, int count)
    {
        lock (HandedOut)
        {
            for (var port = start; port < start + count; port++)
            {
                if (HandedOut.Contains(port))
                {
                    return false;
                }
            }

            for (var port = start; port < start + count; port++)
            {
                HandedOut.Add(port);
            }

            return true;
        }
    }

    /// <summary>Whether nothing holds <paramref name="port"/> on 127.0.0.1 for the given kind of socket.</summary>
    public static bool IsFree(int port, SocketType type, ProtocolType protocol)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, type, protocol);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static bool TryBind(int port, out Socket socket)
    {
        socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            socket.Dispose();
            return false;
        }
    }
}
