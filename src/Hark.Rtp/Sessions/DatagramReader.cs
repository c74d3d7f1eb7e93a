using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Hark.Rtp.Sessions;

/// <summary>
/// Reads one waiting datagram from a socket without blocking and without a readiness check first. On Linux it is
/// one <c>recvfrom(MSG_DONTWAIT)</c> per datagram, and one more that finds the socket empty; .NET's own
/// <see cref="Socket.ReceiveFrom(Span{byte}, SocketFlags, SocketAddress)"/> throws when nothing waits, so it must be
/// guarded by a <see cref="Socket.Poll(int, SelectMode)"/>, which doubles the system calls per packet (the
/// fallback elsewhere). On a VM every system call is dear: at 200 calls this was a quarter of the media cost.
/// </summary>
internal static partial class DatagramReader
{
    /// <summary>Nothing waits in the socket.</summary>
    public const int Empty = -1;

    /// <summary>The socket reported an ICMP error for an earlier send; it is still usable.</summary>
    public const int PeerUnreachable = -2;

    private const int MsgDontWait = 0x40;
    private const int EConnRefused = 111;
    private const int EHostUnreach = 113;
    private const int ENetUnreach = 101;

    /// <summary>
    /// Receives into <paramref name="buffer"/>, the sender's address into <paramref name="from"/> (its native
    /// sockaddr, as .NET keeps it); the length read, <see cref="Empty"/> or <see cref="PeerUnreachable"/>. Any other
    /// failure reads as <see cref="Empty"/>: the next tick tries again. Allocates nothing.
    /// </summary>
    public static int Receive(Socket socket, Span<byte> buffer, SocketAddress from)
    {
        if (!OperatingSystem.IsLinux())
        {
            return ReceivePortable(socket, buffer, from);
        }

        var address = from.Buffer.Span;
        var addressLength = address.Length;
        var received = RecvFrom(socket.SafeHandle, ref MemoryMarshal.GetReference(buffer), (nuint)buffer.Length, MsgDontWait,
            ref MemoryMarshal.GetReference(address), ref addressLength);
        if (received >= 0)
        {
            from.Size = addressLength;
            return (int)received;
        }

        return Marshal.GetLastSystemError() is EConnRefused or EHostUnreach or ENetUnreach ? PeerUnreachable : Empty;
    }

    private static int ReceivePortable(Socket socket, Span<byte> buffer, SocketAddress from)
    {
        if (!socket.Poll(0, SelectMode.SelectRead))
        {
            return Empty;
        }

        try
        {
            return socket.ReceiveFrom(buffer, SocketFlags.None, from);
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.WouldBlock)
        {
            return Empty;
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionRefused)
        {
            return PeerUnreachable;
        }
    }

    [LibraryImport("libc", EntryPoint = "recvfrom", SetLastError = true)]
    private static partial nint RecvFrom(SafeHandle socket, ref byte buffer, nuint length, int flags, ref byte address, ref int addressLength);
}
