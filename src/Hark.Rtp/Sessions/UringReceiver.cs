using System.Runtime.InteropServices;
using static Hark.Rtp.Sessions.UringNative;

namespace Hark.Rtp.Sessions;

/// <summary>
/// Receives the RTP of many sessions through one io_uring, one system call per <see cref="Poll"/>: each session's
/// socket has a multishot recvmsg armed, its datagrams land in a ring of provided buffers, and a poll's single
/// <c>io_uring_enter(GETEVENTS)</c> (which also submits what waits: arms, re-arms, cancels) runs the receives and
/// leaves the completions to walk. The ring is set up SINGLE_ISSUER | DEFER_TASKRUN: the kernel receives only inside
/// that call, on the owning thread, so between polls datagrams wait in the socket as they do for recvmmsg.
/// </summary>
/// <remarks>
/// <para>Owned by one thread (a media shard): create, <see cref="Poll"/> and <see cref="Dispose"/> happen there.
/// <see cref="TryAttach"/> and detaching (a session's dispose) may come from any thread; they queue, and the next
/// poll arms or cancels. A detached session's socket is released (<see cref="UringSlot.Released"/>) once the cancelled
/// receive's last completion is seen, so the session closes it only when no request holds it and its port is free.</para>
/// <para>Memory per ring: <see cref="BufferCount"/> buffers of <see cref="BufferSize"/> bytes (1 MiB), their ring
/// (32 KiB), the rings shared with the kernel (about 300 KiB for 16,384 completions).</para>
/// </remarks>
public sealed unsafe partial class UringReceiver : IDisposable
{
    /// <summary>Provided buffers per ring: how many datagrams one poll can take in.</summary>
    public const int BufferCount = 2048;

    /// <summary>One buffer: the recvmsg header and sender's address, then up to <see cref="MaxPayload"/> bytes of datagram.</summary>
    public const int BufferSize = 512;

    /// <summary>The room for the sender's address (sockaddr_in6).</summary>
    internal const int NameRoom = 28;

    /// <summary>The longest datagram kept whole; a longer one is cut (RTP here is under 300 bytes).</summary>
    public const int MaxPayload = BufferSize - UringRecvMsg.HeaderSize - NameRoom;

    private const uint SqEntries = 512;
    private const uint CqEntries = 16384;
    private const ulong CancelTag = 1UL << 63;
    private const ushort GroupId = 0;

    // Enough to read 2,048 datagrams from one socket in one poll, and a bound should task work keep coming.
    private const int MaxEntersPerPoll = 64;

    private readonly int _fd;
    private readonly byte* _ring;
    private readonly nuint _ringSize;
    private readonly Sqe* _sqes;
    private readonly nuint _sqesSize;
    private readonly uint* _sqHead;
    private readonly uint* _sqTail;
    private readonly uint* _sqFlags;
    private readonly uint _sqMask;
    private readonly uint* _cqHead;
    private readonly uint* _cqTail;
    private readonly uint _cqMask;
    private readonly Cqe* _cqes;
    private readonly ProvidedBuffer* _buffers;
    private readonly int _bufferCount;
    private readonly ushort* _bufferTail;
    private readonly byte* _data;
    private readonly MsgHdr* _message;
    private uint _sqLocalTail;
    private ushort _bufferLocalTail;

    private readonly Lock _queueGate = new();
    private List<UringSlot> _attaches = new(64);
    private List<UringSlot> _detaches = new(64);
    private List<UringSlot> _attachesTaken = new(64);
    private List<UringSlot> _detachesTaken = new(64);
    private readonly List<UringSlot?> _slots = new(256);
    private readonly Stack<int> _free = new(256);
    private int _cancelling;
    private bool _confirmed;
    private bool _disposed;

    private UringReceiver(int fd, byte* ring, nuint ringSize, Sqe* sqes, nuint sqesSize, in Params p, ProvidedBuffer* buffers, int bufferCount, byte* data, MsgHdr* message)
    {
        _bufferCount = bufferCount;
        _fd = fd;
        _ring = ring;
        _ringSize = ringSize;
        _sqes = sqes;
        _sqesSize = sqesSize;
        _sqHead = (uint*)(ring + p.SqOff.Head);
        _sqTail = (uint*)(ring + p.SqOff.Tail);
        _sqFlags = (uint*)(ring + p.SqOff.Flags);
        _sqMask = *(uint*)(ring + p.SqOff.RingMask);
        _cqHead = (uint*)(ring + p.CqOff.Head);
        _cqTail = (uint*)(ring + p.CqOff.Tail);
        _cqMask = *(uint*)(ring + p.CqOff.RingMask);
        _cqes = (Cqe*)(ring + p.CqOff.Cqes);
        _sqLocalTail = *_sqTail;
        _buffers = buffers;
        _bufferTail = (ushort*)((byte*)buffers + 14);
        _data = data;
        _message = message;

        // SQ slot i always holds SQE i: the indirection array is filled once.
        var array = (uint*)(ring + p.SqOff.Array);
        for (uint i = 0; i < p.SqEntries; i++)
        {
            array[i] = i;
        }

        for (var i = 0; i < _bufferCount; i++)
        {
            Recycle(i);
        }

        Volatile.Write(ref *_bufferTail, _bufferLocalTail);
    }

    /// <summary>Held while a poll runs: a session's flush takes it to read its socket in order with the ring.</summary>
    internal Lock Gate { get; } = new();

    /// <summary>The kernel refused a receive as unsupported (no multishot recvmsg): every session was handed back to recvmmsg.</summary>
    public bool Failed { get; private set; }

    /// <summary>Receives that ended (no buffer free, an ICMP error) and were armed again.</summary>
    public long Rearmed { get; private set; }

    /// <summary>A session waits for the ring to let go of its socket: a detach queued or a cancel in flight.</summary>
    public bool HasDetachWaiting
    {
        get
        {
            lock (_queueGate)
            {
                return _detaches.Count > 0 || _cancelling > 0;
            }
        }
    }

    /// <summary>Sessions whose receive this ring runs.</summary>
    public int Count => _slots.Count - _free.Count;

    /// <summary>
    /// Sets up a ring on the calling thread (its only submitter), or returns null with the negative errno: ENOSYS
    /// (no io_uring), EPERM (a seccomp profile), EINVAL (a kernel without DEFER_TASKRUN or provided buffer rings).
    /// Null too off 64-bit Linux.
    /// </summary>
    public static UringReceiver? TryCreate(out int error) => TryCreate(BufferCount, out error);

    /// <summary>As above with <paramref name="bufferCount"/> buffers (a power of two; tests run short of them).</summary>
    internal static UringReceiver? TryCreate(int bufferCount, out int error)
    {
        error = -38; // ENOSYS
        if (!OperatingSystem.IsLinux() || !Environment.Is64BitProcess)
        {
            return null;
        }

        var p = default(Params);
        p.Flags = SetupSingleIssuer | SetupDeferTaskRun | SetupTaskRunFlag | SetupCqSize;
        p.CqEntries = CqEntries;
        var fd = Setup(SqEntries, &p);
        if (fd < 0)
        {
            error = fd;
            return null;
        }

        if ((p.Features & FeatureSingleMmap) == 0)
        {
            CloseDescriptor(fd);
            error = -EInvalid;
            return null;
        }

        var ringSize = (nuint)Math.Max(p.SqOff.Array + (p.SqEntries * 4), p.CqOff.Cqes + (p.CqEntries * (uint)sizeof(Cqe)));
        var sqesSize = (nuint)(p.SqEntries * (uint)sizeof(Sqe));
        var ring = Map(fd, ringSize, OffsetSqRing);
        var sqes = ring is null ? null : (Sqe*)Map(fd, sqesSize, OffsetSqes);
        if (sqes is null)
        {
            error = -Marshal.GetLastSystemError();
            Unmap(ring, ringSize);
            CloseDescriptor(fd);
            return null;
        }

        // The buffer ring must be page-aligned (the kernel pins it); the buffers it points at need not be.
        var buffers = (ProvidedBuffer*)NativeMemory.AlignedAlloc((nuint)(bufferCount * sizeof(ProvidedBuffer)), 4096);
        NativeMemory.Clear(buffers, (nuint)(bufferCount * sizeof(ProvidedBuffer)));
        var registration = new BufferRegistration { RingAddress = (ulong)buffers, RingEntries = (uint)bufferCount, GroupId = GroupId };
        var registered = Register(fd, RegisterProvidedBufferRing, &registration, 1);
        if (registered < 0)
        {
            error = registered;
            NativeMemory.AlignedFree(buffers);
            Unmap((byte*)sqes, sqesSize);
            Unmap(ring, ringSize);
            CloseDescriptor(fd);
            return null;
        }

        var data = (byte*)NativeMemory.Alloc((nuint)bufferCount * BufferSize);
        var message = (MsgHdr*)NativeMemory.AllocZeroed((nuint)(sizeof(MsgHdr) + 128));

        // Only the name's room counts for a multishot recvmsg (the name lands in the buffer), but a null name makes it 0.
        message->Name = (byte*)message + sizeof(MsgHdr);
        message->NameLength = NameRoom;
        error = 0;
        return new UringReceiver(fd, ring, ringSize, sqes, sqesSize, p, buffers, bufferCount, data, message);
    }

    /// <summary>
    /// Hands <paramref name="session"/>'s receive to this ring (armed at the next poll); false when the ring has
    /// failed or been disposed, or the session is closed: it then reads its socket itself, as before.
    /// </summary>
    public bool TryAttach(RtpSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var slot = new UringSlot(this, session);
        lock (_queueGate)
        {
            if (_disposed || Failed || !session.TryUseRing(slot))
            {
                return false;
            }

            _attaches.Add(slot);
            return true;
        }
    }

    /// <summary>Asks the ring to let go of the slot's socket; <see cref="UringSlot.Released"/> says when it has.</summary>
    internal void Detach(UringSlot slot)
    {
        slot.DetachRequested = true;
        lock (_queueGate)
        {
            if (!_disposed)
            {
                _detaches.Add(slot);
                DetachQueued?.Invoke();
                return;
            }
        }

        slot.Released.TrySetResult();
    }

    /// <summary>Called (on the polling thread) with what a session threw while handed a datagram; the poll goes on.</summary>
    public Action<Exception>? DeliveryFailed { get; set; }

    /// <summary>Called when a detach is queued (from the detaching thread): the owner should poll soon.</summary>
    public Action? DetachQueued { get; set; }

    /// <summary>
    /// Submits what waits, receives (one io_uring_enter), and hands every datagram to its session in the socket's order;
    /// re-arms receives that ended (no buffer free, an ICMP error); releases cancelled sessions. The number of datagrams.
    /// </summary>
    public int Poll()
    {
        if (_disposed || Failed)
        {
            return 0;
        }

        lock (Gate)
        {
            TakeQueues();
            var delivered = 0;
            for (var enters = 0; enters < MaxEntersPerPoll; enters++)
            {
                var pending = _sqLocalTail - Volatile.Read(ref *_sqHead);
                Volatile.Write(ref *_sqTail, _sqLocalTail);
                _ = Enter(_fd, pending, 0, EnterGetEvents);
                delivered += Walk();

                // A multishot receive takes some 32 datagrams in a row (the kernel's MULTISHOT_MAX_RETRY), then queues
                // itself as task work for the next enter; so do datagrams that arrived during the walk. The kernel
                // says so in the SQ ring's flags (TASKRUN_FLAG): a backlog after a stall is read on at once, in order.
                if ((Volatile.Read(ref *_sqFlags) & SqTaskRun) == 0 || Failed)
                {
                    break;
                }
            }
            if (Failed)
            {
                FailAll();
            }

            return delivered;
        }
    }

    public void Dispose()
    {
        lock (_queueGate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        // The buffers go first, so that no receive the kernel still runs while it tears the ring down can pick one
        // (only the owning thread may unregister: from another, the buffers are left allocated rather than risk it).
        // Closing the ring cancels every receive in it; the kernel drops its hold on the sockets as it tears it down.
        var registration = new BufferRegistration { GroupId = GroupId };
        var unregistered = Register(_fd, UnregisterProvidedBufferRing, &registration, 1) == 0;
        CloseDescriptor(_fd);
        Unmap((byte*)_sqes, _sqesSize);
        Unmap(_ring, _ringSize);
        if (unregistered)
        {
            NativeMemory.AlignedFree(_buffers);
            NativeMemory.Free(_data);
        }

        NativeMemory.Free(_message);
        foreach (var slot in _slots)
        {
            slot?.Session.LeaveRing(slot);
            slot?.Released.TrySetResult();
        }

        lock (_queueGate)
        {
            foreach (var slot in _attaches.Concat(_detaches))
            {
                slot.Session.LeaveRing(slot);
                slot.Released.TrySetResult();
            }
        }
    }
}
