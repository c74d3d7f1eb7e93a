using System.Buffers.Binary;
using Hark.Media.Dtmf;

namespace Hark.Rtp.Events;

/// <summary>
/// One RFC 4733 telephone-event payload block (section 2.3):
/// <c>event(8) | E(1) R(1) volume(6) | duration(16)</c>, network byte order.
/// </summary>
/// <param name="EventCode">Event code; 0–16 are the DTMF keys of RFC 4733 section 3.</param>
/// <param name="End">The E bit: this block reports the end of the event (or its last segment).</param>
/// <param name="Volume">Power level as -dBm0, 0–63. Larger values throw: the field has 6 bits,
/// and silently masking would send a different level than the caller asked for.</param>
/// <param name="Duration">Duration so far, in RTP timestamp units, counted from the packet's timestamp.</param>
public readonly record struct TelephoneEvent(byte EventCode, bool End, byte Volume, ushort Duration)
{
    /// <summary>Size of one event block on the wire.</summary>
    public const int Size = 4;

    /// <summary>Largest value the 6-bit volume field holds.</summary>
    public const byte MaxVolume = 63;

    private const byte EndBit = 0x80;
    private const byte VolumeMask = 0x3F;

    private readonly byte _volume = CheckVolume(Volume);

    /// <inheritdoc cref="TelephoneEvent(byte, bool, byte, ushort)" path="/param[@name='Volume']"/>
    public byte Volume
    {
        get => _volume;
        init => _volume = CheckVolume(value);
    }

    /// <summary>The DTMF key for codes 0–16; null for other events (tones, line events) that Hark does not map.</summary>
    public DtmfKey? Key => EventCode <= (byte)DtmfKey.Flash ? (DtmfKey)EventCode : null;

    /// <summary>
    /// Reads the first event block of <paramref name="payload"/>. False when it is shorter than 4 bytes.
    /// The reserved bit is ignored, as RFC 4733 asks of receivers. Bytes after the first block are
    /// ignored: RFC 4733 (2.5.1.5) carries several events in one packet only through RFC 2198
    /// redundancy, which the RTP layer unwraps before this point; the first block is the one that
    /// a plain telephone-event payload defines.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, out TelephoneEvent ev)
    {
        if (payload.Length < Size)
        {
            ev = default;
            return false;
        }

        var flags = payload[1];
        ev = new TelephoneEvent(
            payload[0],
            (flags & EndBit) != 0,
            (byte)(flags & VolumeMask),
            BinaryPrimitives.ReadUInt16BigEndian(payload[2..]));
        return true;
    }

    /// <summary>Writes the 4-byte block (reserved bit zero) and returns 4.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 4 bytes.</exception>
    public int Write(Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException("A telephone-event block needs 4 bytes.", nameof(destination));
        }

        destination[0] = EventCode;
        destination[1] = (byte)((End ? EndBit : 0) | _volume);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], Duration);
        return Size;
    }

    private static byte CheckVolume(byte volume) =>
        volume <= MaxVolume
            ? volume
            : throw new ArgumentOutOfRangeException(nameof(volume), volume, "Volume is a 6-bit field (0-63, in -dBm0).");
}
