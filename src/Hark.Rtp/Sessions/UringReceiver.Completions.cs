using static Hark.Rtp.Sessions.UringNative;

namespace Hark.Rtp.Sessions;

/// <summary>The ring's bookkeeping: arms and cancels queued into SQEs, completions walked, buffers given back.</summary>
public sealed unsafe partial class UringReceiver
{
    // Arms what was attached and cancels what was detached since the last poll (in that order: a session attached
    // and detached between two polls is armed, then cancelled, in one submission the kernel runs in order).
    private void TakeQueues()
    {
        lock (_queueGate)
        {
            (_attaches, _attachesTaken) = (_attachesTaken, _attaches);
            (_detaches, _detachesTaken) = (_detachesTaken, _detaches);
        }

        foreach (var slot in _attachesTaken)
        {
            slot.Index = _free.Count > 0 ? _free.Pop() : _slots.Count;
            if (slot.Index == _slots.Count)
            {
                _slots.Add(slot);
            }
            else
            {
                _slots[slot.Index] = slot;
            }

            Arm(slot);
        }

        foreach (var slot in _detachesTaken)
        {
            if (slot.Index < 0 || slot.Cancelling)
            {
                continue;
            }

            if (slot.Armed)
            {
                var sqe = NextSqe();
                sqe->Opcode = OpAsyncCancel;
                sqe->Fd = -1;
                sqe->Address = (uint)slot.Index;
                sqe->UserData = CancelTag | (uint)slot.Index;
                slot.Cancelling = true;
                _cancelling++;
            }
            else
            {
                Release(slot);
            }
        }

        _attachesTaken.Clear();
        _detachesTaken.Clear();
    }

    private void Arm(UringSlot slot)
    {
        var sqe = NextSqe();
        sqe->Opcode = OpRecvMsg;
        sqe->Flags = SqeBufferSelect;
        sqe->IoPriority = RecvMultishot;
        sqe->Fd = (int)slot.Session.Socket.SafeHandle.DangerousGetHandle();
        sqe->Address = (ulong)_message;
        sqe->Length = 1;
        sqe->BufferGroup = GroupId;
        sqe->UserData = (uint)slot.Index;
        slot.Armed = true;
    }

    // The next free SQE, cleared. A full queue (more arms at once than it holds) is submitted first.
    private Sqe* NextSqe()
    {
        if (_sqLocalTail - Volatile.Read(ref *_sqHead) >= SqEntries)
        {
            Volatile.Write(ref *_sqTail, _sqLocalTail);
            _ = Enter(_fd, _sqLocalTail - Volatile.Read(ref *_sqHead), 0, 0);
        }

        var sqe = &_sqes[_sqLocalTail & _sqMask];
        *sqe = default;
        _sqLocalTail++;
        return sqe;
    }

    private int Walk()
    {
        var delivered = 0;
        var head = *_cqHead;
        var tail = Volatile.Read(ref *_cqTail);
        for (; head != tail; head++)
        {
            var cqe = _cqes[head & _cqMask];
            if ((cqe.UserData & CancelTag) != 0)
            {
                continue; // the cancel's own completion: the receive it ended reports on its own
            }

            if (_slots[(int)cqe.UserData] is not { } slot)
            {
                continue;
            }

            if ((cqe.Flags & CqeBuffer) != 0)
            {
                var id = (int)(cqe.Flags >> CqeBufferShift);
                if (cqe.Result > 0 && !slot.DetachRequested && Deliver(slot, id, cqe.Result))
                {
                    delivered++;
                }

                Recycle(id);
            }
            else if (cqe.Result == -EInvalid && !_confirmed)
            {
                Failed = true; // no multishot recvmsg here: the first arm says so
            }

            if (cqe.Result > 0)
            {
                _confirmed = true;
            }

            // ENOBUFS (every buffer taken this round), an ICMP error (ECONNREFUSED and kin, today's PeerUnreachable:
            // nothing delivered, nothing counted) or a cancel end a multishot receive: armed again unless detached.
            if ((cqe.Flags & CqeMore) == 0)
            {
                slot.Armed = false;
                if (slot.Cancelling || slot.DetachRequested)
                {
                    if (!slot.Cancelling)
                    {
                        continue; // its detach is queued: released when taken, with no cancel needed
                    }

                    Release(slot);
                }
                else if (!Failed)
                {
                    Rearmed++;
                    Arm(slot);
                }
            }
        }

        Volatile.Write(ref *_cqHead, head);
        Volatile.Write(ref *_bufferTail, _bufferLocalTail);
        return delivered;
    }

    private bool Deliver(UringSlot slot, int id, int used)
    {
        var buffer = new ReadOnlySpan<byte>(_data + ((long)id * BufferSize), BufferSize);
        if (!UringRecvMsg.TryParse(buffer, used, NameRoom, out var sender, out var payload, out _))
        {
            return false;
        }

        // One call's failure is its own (as a failed tick is): the walk goes on for every other datagram.
        try
        {
            slot.Session.ReceiveFromRing(payload, sender);
        }
#pragma warning disable CA1031 // whatever one call's media throws, the other calls' datagrams must be handed over
        catch (Exception ex)
#pragma warning restore CA1031
        {
            DeliveryFailed?.Invoke(ex);
        }

        return true;
    }

    // Gives buffer id back to the kernel (published with the ring's tail after the walk).
    private void Recycle(int id)
    {
        var entry = &_buffers[_bufferLocalTail & (_bufferCount - 1)];
        entry->Address = (ulong)(_data + ((long)id * BufferSize));
        entry->Length = BufferSize;
        entry->Id = (ushort)id;
        _bufferLocalTail++;
    }

    private void Release(UringSlot slot)
    {
        if (slot.Cancelling)
        {
            slot.Cancelling = false;
            _cancelling--;
        }

        _slots[slot.Index] = null;
        _free.Push(slot.Index);
        slot.Session.LeaveRing(slot);
        slot.Released.TrySetResult();
    }

    // The kernel cannot run these receives: every session reads its own socket again, and the owner drops the ring.
    private void FailAll()
    {
        foreach (var slot in _slots)
        {
            slot?.Session.LeaveRing(slot);
        }
    }
}
