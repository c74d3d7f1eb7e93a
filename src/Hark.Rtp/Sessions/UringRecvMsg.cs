namespace Hark.Rtp.Sessions;

/// <summary>
/// Reads one multishot recvmsg completion's buffer: a <c>struct io_uring_recvmsg_out</c>, then the sender's address in
/// the room the msghdr reserved for it, then the payload (no control data is asked for). Bytes in, spans out: no I/O.
/// </summary>
internal static class UringRecvMsg
{
    /// <summary>sizeof(struct io_uring_recvmsg_out).</summary>
    public const int HeaderSize = 16;

    /// <summary>
    /// Splits <paramref name="buffer"/>, of which the kernel filled <paramref name="used"/> bytes (the completion's
    /// result), into the sender's address and the payload. A datagram longer than the buffer's room is cut (the
    /// kernel sets MSG_TRUNC in the header's flags and reports the whole length): what was copied is kept, as
    /// <see cref="DatagramReader.MaxDatagram"/> cuts today. False when the buffer is not a whole header.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> buffer, int used, int nameRoom, out ReadOnlySpan<byte> sender, out ReadOnlySpan<byte> payload, out bool truncated)
    {
        sender = default;
        payload = default;
        truncated = false;
        var start = HeaderSize + nameRoom;
        if (used < start || used > buffer.Length)
        {
            return false;
        }

        var nameLength = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(buffer);
        var controlLength = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(buffer[4..]);
        var payloadLength = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(buffer[8..]);
        var flags = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(buffer[12..]);
        if (controlLength != 0)
        {
            return false; // no control room was asked for
        }

        sender = buffer.Slice(HeaderSize, (int)Math.Min(nameLength, (uint)nameRoom));
        var copied = (int)Math.Min(payloadLength, (uint)(used - start));
        payload = buffer.Slice(start, copied);
        truncated = (flags & UringNative.MsgTrunc) != 0 || copied < payloadLength;
        return true;
    }
}
