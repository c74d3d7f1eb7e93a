using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Hark.Rtp.Sessions;

/// <summary>
/// Reads the datagrams waiting in a socket without blocking, a batch per system call: on Linux one
/// <c>recvmmsg(MSG_DONTWAIT)</c> returns every datagram waiting (up to <see cref="Capacity"/>), so a call's tick
/// costs one system call whether one packet waits or none. Before, a <c>recvfrom</c> per datagram and one more that
/// found the socket empty made two; on a VM every system call is dear. Elsewhere, a <see cref="Socket.Poll"/> and
/// <see cref="Socket.ReceiveFrom(Span{byte}, SocketFlags, System.Net.SocketAddress)"/> per datagram.
/// </summary>
/// <remarks>
/// One reader per thread (<see cref="Current"/>), in native memory allocated once: the datagrams are read straight
/// into it and handled on the same thread before its next read, so nothing is allocated or copied per packet.
/// </remarks>
internal sealed unsafe partial class DatagramReader
{
    /// <summary>Datagrams one read returns at most.</summary>
    public const int Capacity = 8;

    /// <summary>Nothing waits in the socket.</summary>
    public const int Empty = -1;

    /// <summary>The socket reported an ICMP error for an earlier send (now consumed); it is still usable.</summary>
    public const int PeerUnreachable = -2;

    /// <summary>The longest datagram kept whole; the rest of a longer one is cut off (RTP here is under 500 bytes).</summary>
    public const int MaxDatagram = 2048;

    private const int NameSize = 128; // sizeof(struct sockaddr_storage)
    private const int MsgDontWait = 0x40;
    private const int EConnRefused = 111;
    private const int EHostUnreach = 113;
    private const int ENetUnreach = 101;

    [ThreadStatic]
    private static DatagramReader? t_current;

    private readonly byte* _memory;
    private readonly byte* _buffers;
    private readonly byte* _names;
    private readonly IoVector* _vectors;
    private readonly MessageHeader* _headers;
    private readonly int[] _lengths = new int[Capacity];
    private readonly int[] _nameLengths = new int[Capacity];
    private System.Net.SocketAddress? _portableFrom;

    private DatagramReader()
    {
        var size = (Capacity * (MaxDatagram + NameSize)) + (Capacity * sizeof(IoVector)) + (Capacity * sizeof(MessageHeader));
        _memory = (byte*)NativeMemory.AllocZeroed((nuint)size);
        _buffers = _memory;
        _names = _buffers + (Capacity * MaxDatagram);
        _vectors = (IoVector*)(_names + (Capacity * NameSize));
        _headers = (MessageHeader*)(_vectors + Capacity);
        for (var i = 0; i < Capacity; i++)
        {
            _vectors[i] = new IoVector { Base = _buffers + (i * MaxDatagram), Length = MaxDatagram };
            _headers[i].Header.Name = _names + (i * NameSize);
            _headers[i].Header.Vectors = &_vectors[i];
            _headers[i].Header.VectorCount = 1;
        }
    }

    ~DatagramReader() => NativeMemory.Free(_memory);

    /// <summary>This thread's reader.</summary>
    public static DatagramReader Current => t_current ??= new DatagramReader();

    /// <summary>
    /// Reads what waits in <paramref name="socket"/>: the number of datagrams read (1 to <see cref="Capacity"/>; fewer
    /// than that means the socket is now empty), <see cref="Empty"/> or <see cref="PeerUnreachable"/>. Any other
    /// failure reads as <see cref="Empty"/>: the next tick tries again. The datagrams stay valid until this thread's
    /// next read.
    /// </summary>
    public int Receive(Socket socket)
    {
        if (!OperatingSystem.IsLinux() || !Environment.Is64BitProcess)
        {
            return ReceivePortable(socket);
        }

        for (var i = 0; i < Capacity; i++)
        {
            _headers[i].Header.NameLength = NameSize;
            _headers[i].Header.Flags = 0;
        }

        var received = RecvMmsg(socket.SafeHandle, _headers, Capacity, MsgDontWait, null);
        if (received <= 0)
        {
            return Marshal.GetLastSystemError() is EConnRefused or EHostUnreach or ENetUnreach ? PeerUnreachable : Empty;
        }

        for (var i = 0; i < received; i++)
        {
            _lengths[i] = (int)Math.Min(_headers[i].Length, MaxDatagram);
            _nameLengths[i] = (int)Math.Min(_headers[i].Header.NameLength, NameSize);
        }

        return received;
    }

    /// <summary>The <paramref name="index"/>th datagram of the last read.</summary>
    public ReadOnlySpan<byte> Datagram(int index) => new(_buffers + (index * MaxDatagram), _lengths[index]);

    /// <summary>Its sender's address, as the native sockaddr (the layout .NET's SocketAddress keeps).</summary>
    public ReadOnlySpan<byte> Sender(int index) => new(_names + (index * NameSize), _nameLengths[index]);

    private int ReceivePortable(Socket socket)
    {
        if (!socket.Poll(0, SelectMode.SelectRead))
        {
            return Empty;
        }

        if (_portableFrom?.Family != socket.AddressFamily)
        {
            _portableFrom = new System.Net.SocketAddress(socket.AddressFamily);
        }

        var from = _portableFrom;
        try
        {
            _lengths[0] = socket.ReceiveFrom(new Span<byte>(_buffers, MaxDatagram), SocketFlags.None, from);
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.WouldBlock)
        {
            return Empty;
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionRefused)
        {
            return PeerUnreachable;
        }

        _nameLengths[0] = Math.Min(from.Size, NameSize);
        from.Buffer.Span[.._nameLengths[0]].CopyTo(new Span<byte>(_names, NameSize));
        return 1;
    }

    [LibraryImport("libc", EntryPoint = "recvmmsg", SetLastError = true)]
    private static partial int RecvMmsg(SafeHandle socket, MessageHeader* messages, uint count, int flags, void* timeout);

    // struct iovec, struct msghdr and struct mmsghdr of Linux on 64-bit (LP64) processors.
    [StructLayout(LayoutKind.Sequential)]
    private struct IoVector
    {
        public byte* Base;
        public nuint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MsgHdr
    {
        public byte* Name;
        public uint NameLength;
        public IoVector* Vectors;
        public nuint VectorCount;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MessageHeader
    {
        public MsgHdr Header;
        public uint Length;
    }
}
