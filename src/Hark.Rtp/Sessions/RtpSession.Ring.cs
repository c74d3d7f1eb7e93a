using System.Net.Sockets;

namespace Hark.Rtp.Sessions;

/// <summary>
/// The receive handed to a media thread's <see cref="UringReceiver"/>: the ring reads the socket and hands each
/// datagram here, and the tick counts what came as a recvmmsg read would have.
/// </summary>
public sealed partial class RtpSession
{
    // Non-null while a ring receives for this session; only its thread's polls read the socket then (and a flush).
    private UringSlot? _ringSlot;

    // Datagrams the ring handed over since the last tick.
    private int _ringReceived;

    internal Socket Socket => _socket;

    /// <summary>True while a ring reads this session's socket.</summary>
    public bool ReceivesThroughRing
    {
        get
        {
            lock (_gate)
            {
                return _ringSlot is not null;
            }
        }
    }

    internal bool TryUseRing(UringSlot slot)
    {
        lock (_gate)
        {
            if (_closed || _timedOut || _ringSlot is not null)
            {
                return false;
            }

            _ringSlot = slot;
            return true;
        }
    }

    // The ring let go (cancelled, failed or disposed): the tick reads the socket itself again.
    internal void LeaveRing(UringSlot slot)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_ringSlot, slot))
            {
                _ringSlot = null;
            }
        }
    }

    // One datagram from the ring, in the socket's order: what ReadLocked does with each it reads.
    internal void ReceiveFromRing(ReadOnlySpan<byte> datagram, ReadOnlySpan<byte> sender)
    {
        lock (_gate)
        {
            if (_closed || _timedOut)
            {
                return;
            }

            OnDatagramLocked(datagram, sender, _time.GetTimestamp());
            _ringReceived++;
        }
    }

    // Held by a flush that reads the socket itself: a ring's poll must not be between its receive and its hand-over.
    private Lock? RingGate => Volatile.Read(ref _ringSlot)?.Ring.Gate;
}
