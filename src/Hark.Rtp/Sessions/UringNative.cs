using System.Runtime.InteropServices;

namespace Hark.Rtp.Sessions;

/// <summary>
/// The io_uring kernel ABI that <see cref="UringReceiver"/> needs, from linux/io_uring.h: the three system calls
/// (raw, through libc's <c>syscall</c>: no liburing), the structures they take and the constants. 64-bit Linux only.
/// </summary>
internal static unsafe partial class UringNative
{
    // The generic system call table: the same numbers on x86-64 and arm64.
    public const long SysSetup = 425;
    public const long SysEnter = 426;
    public const long SysRegister = 427;

    public const uint SetupCqSize = 1U << 3;
    public const uint SetupTaskRunFlag = 1U << 9;
    public const uint SetupSingleIssuer = 1U << 12;
    public const uint SetupDeferTaskRun = 1U << 13;
    public const uint FeatureSingleMmap = 1U << 0;

    public const uint EnterGetEvents = 1U << 0;
    public const uint SqTaskRun = 1U << 2;
    public const uint RegisterProvidedBufferRing = 22;
    public const uint UnregisterProvidedBufferRing = 23;

    public const byte OpRecvMsg = 10;
    public const byte OpAsyncCancel = 14;
    public const byte SqeBufferSelect = 1 << 5;
    public const ushort RecvMultishot = 1 << 1;

    public const uint CqeBuffer = 1U << 0;
    public const uint CqeMore = 1U << 1;
    public const int CqeBufferShift = 16;

    public const long OffsetSqRing = 0;
    public const long OffsetSqes = 0x10000000;

    public const int MsgTrunc = 0x20;

    public const int EInvalid = 22;
    public const int ENoBuffers = 105;
    public const int ECanceled = 125;
    public const int EConnRefused = 111;
    public const int EHostUnreach = 113;
    public const int ENetUnreach = 101;
    public const int EInterrupted = 4;
    public const int EBusy = 16;
    public const int EAgain = 11;

    private const int ProtRead = 0x1;
    private const int ProtWrite = 0x2;
    private const int MapShared = 0x01;
    private const int MapPopulate = 0x8000;

    /// <summary>io_uring_setup: the ring's descriptor, or a negative errno.</summary>
    public static int Setup(uint entries, Params* parameters)
    {
        var result = Syscall(SysSetup, entries, (long)parameters, 0, 0, 0, 0);
        return result < 0 ? -Marshal.GetLastSystemError() : (int)result;
    }

    /// <summary>io_uring_enter without a signal mask: what was submitted, or a negative errno.</summary>
    public static int Enter(int ring, uint submit, uint minComplete, uint flags)
    {
        var result = Syscall(SysEnter, ring, submit, minComplete, flags, 0, 0);
        return result < 0 ? -Marshal.GetLastSystemError() : (int)result;
    }

    /// <summary>io_uring_register: 0 or a negative errno.</summary>
    public static int Register(int ring, uint opcode, void* argument, uint count)
    {
        var result = Syscall(SysRegister, ring, opcode, (long)argument, count, 0, 0);
        return result < 0 ? -Marshal.GetLastSystemError() : (int)result;
    }

    /// <summary>Maps a region of the ring (shared with the kernel); null on failure.</summary>
    public static byte* Map(int ring, nuint length, long offset)
    {
        var address = Mmap(null, length, ProtRead | ProtWrite, MapShared | MapPopulate, ring, offset);
        return address == (void*)-1 ? null : (byte*)address;
    }

    public static void Unmap(byte* address, nuint length)
    {
        if (address is not null)
        {
            _ = Munmap(address, length);
        }
    }

    public static void CloseDescriptor(int descriptor) => _ = Close(descriptor);

    // syscall(2) is variadic in C; glibc's is a register shuffle with no va_list, so six longs pass as they would.
    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, long a1, long a2, long a3, long a4, long a5, long a6);

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static partial void* Mmap(void* address, nuint length, int protection, int flags, int descriptor, long offset);

    [LibraryImport("libc", EntryPoint = "munmap")]
    private static partial int Munmap(void* address, nuint length);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int descriptor);

    /// <summary>struct io_sqring_offsets.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct SqOffsets
    {
        public uint Head;
        public uint Tail;
        public uint RingMask;
        public uint RingEntries;
        public uint Flags;
        public uint Dropped;
        public uint Array;
        public uint Reserved1;
        public ulong Reserved2;
    }

    /// <summary>struct io_cqring_offsets.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct CqOffsets
    {
        public uint Head;
        public uint Tail;
        public uint RingMask;
        public uint RingEntries;
        public uint Overflow;
        public uint Cqes;
        public uint Flags;
        public uint Reserved1;
        public ulong Reserved2;
    }

    /// <summary>struct io_uring_params (120 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Params
    {
        public uint SqEntries;
        public uint CqEntries;
        public uint Flags;
        public uint SqThreadCpu;
        public uint SqThreadIdle;
        public uint Features;
        public uint WqFd;
        public uint Reserved0;
        public uint Reserved1;
        public uint Reserved2;
        public SqOffsets SqOff;
        public CqOffsets CqOff;
    }

    /// <summary>struct io_uring_sqe (64 bytes), the fields this receiver sets.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 64)]
    public struct Sqe
    {
        [FieldOffset(0)] public byte Opcode;
        [FieldOffset(1)] public byte Flags;
        [FieldOffset(2)] public ushort IoPriority;
        [FieldOffset(4)] public int Fd;
        [FieldOffset(8)] public ulong Offset;
        [FieldOffset(16)] public ulong Address;
        [FieldOffset(24)] public uint Length;
        [FieldOffset(28)] public uint OpFlags;
        [FieldOffset(32)] public ulong UserData;
        [FieldOffset(40)] public ushort BufferGroup;
        [FieldOffset(42)] public ushort Personality;
        [FieldOffset(44)] public int FileIndex;
        [FieldOffset(48)] public ulong Address3;
        [FieldOffset(56)] public ulong Pad;
    }

    /// <summary>struct io_uring_cqe (16 bytes, without CQE32).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Cqe
    {
        public ulong UserData;
        public int Result;
        public uint Flags;
    }

    /// <summary>struct io_uring_buf (16 bytes); the ring's tail overlays the first one's last two bytes.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ProvidedBuffer
    {
        public ulong Address;
        public uint Length;
        public ushort Id;
        public ushort Reserved;
    }

    /// <summary>struct io_uring_buf_reg (40 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct BufferRegistration
    {
        public ulong RingAddress;
        public uint RingEntries;
        public ushort GroupId;
        public ushort Pad;
        public ulong Reserved0;
        public ulong Reserved1;
        public ulong Reserved2;
    }

    /// <summary>struct io_uring_recvmsg_out (16 bytes): heads each multishot recvmsg buffer, then name, control, payload.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct RecvMsgOut
    {
        public uint NameLength;
        public uint ControlLength;
        public uint PayloadLength;
        public uint Flags;
    }

    /// <summary>struct msghdr on LP64.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct MsgHdr
    {
        public void* Name;
        public uint NameLength;
        public void* Vectors;
        public nuint VectorCount;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }
}
