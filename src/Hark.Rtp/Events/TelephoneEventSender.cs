using Hark.Media.Dtmf;

namespace Hark.Rtp.Events;

/// <summary>
/// Produces the RFC 4733 payloads for one outgoing key press: a first packet with the marker,
/// an update every packet interval with the duration so far, then the final packet (E bit,
/// final duration) sent <c>endRepeats</c> times. Allocate once per call and <see cref="Start"/>
/// it for each digit; the caller sends one packet per interval and sets the RTP header.
/// </summary>
/// <remarks>
/// Events longer than 0xFFFF units are split into segments (RFC 4733 2.5.1.3): each segment
/// ends with a packet of duration 0xFFFF repeated like a final packet but without the E bit, and
/// the next segment is timestamped 0xFFFF later, without marker. The segment-end repeats take
/// two extra packet intervals of sending time per segment; the durations reported stay exact.
/// </remarks>
public sealed class TelephoneEventSender
{
    private const uint MaxSegmentDuration = ushort.MaxValue;

    private readonly uint _packetInterval;
    private readonly byte _volume;
    private readonly int _endRepeats;

    private bool _active;
    private bool _markerPending;
    private DtmfKey _key;
    private uint _totalDuration;
    private uint _segmentOffset;
    private uint _elapsedInSegment;
    private int _finalsSent;

    /// <summary>Creates a sender.</summary>
    /// <param name="packetInterval">Timestamp units between packets (160 = 20 ms at 8 kHz), 1–65535.</param>
    /// <param name="volume">Power level in -dBm0 (0–63); 10 is a common choice.</param>
    /// <param name="endRepeats">How many times the final packet is sent (RFC 4733 2.5.1.4 recommends 3).</param>
    public TelephoneEventSender(int packetInterval, byte volume = 10, int endRepeats = 3)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(packetInterval);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(packetInterval, (int)MaxSegmentDuration);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(volume, TelephoneEvent.MaxVolume);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(endRepeats);
        _packetInterval = (uint)packetInterval;
        _volume = volume;
        _endRepeats = endRepeats;
    }

    /// <summary>True while packets of the current press remain to be sent.</summary>
    public bool IsActive => _active;

    /// <summary>Begins a press of <paramref name="key"/> lasting <paramref name="duration"/> timestamp units,
    /// abandoning any press not fully sent.</summary>
    public void Start(DtmfKey key, uint duration)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((byte)key, (byte)DtmfKey.Flash, nameof(key));
        ArgumentOutOfRangeException.ThrowIfZero(duration);
        _key = key;
        _totalDuration = duration;
        _segmentOffset = 0;
        _elapsedInSegment = 0;
        _finalsSent = 0;
        _markerPending = true;
        _active = true;
    }

    /// <summary>
    /// Writes the next payload (4 bytes) into <paramref name="payload"/>. False, writing nothing,
    /// when the press has been fully sent.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="payload"/> is shorter than 4 bytes.</exception>
    public bool TryNext(Span<byte> payload, out TelephoneEventPacket packet)
    {
        if (!_active)
        {
            packet = default;
            return false;
        }

        if (payload.Length < TelephoneEvent.Size)
        {
            throw new ArgumentException("A telephone-event payload needs 4 bytes.", nameof(payload));
        }

        var segmentLength = Math.Min(MaxSegmentDuration, _totalDuration - _segmentOffset);
        var lastSegment = segmentLength == _totalDuration - _segmentOffset;
        var timestampOffset = _segmentOffset;
        uint duration;
        var end = false;
        if (_finalsSent == 0 && _elapsedInSegment + _packetInterval < segmentLength)
        {
            _elapsedInSegment += _packetInterval;
            duration = _elapsedInSegment;
        }
        else
        {
            duration = segmentLength;
            end = lastSegment;
            if (++_finalsSent == _endRepeats)
            {
                AdvanceSegment(segmentLength, lastSegment);
            }
        }

        var length = new TelephoneEvent((byte)_key, end, _volume, (ushort)duration).Write(payload);
        packet = new TelephoneEventPacket(_markerPending, timestampOffset, length);
        _markerPending = false;
        return true;
    }

    private void AdvanceSegment(uint segmentLength, bool lastSegment)
    {
        if (lastSegment)
        {
            _active = false;
            return;
        }

        _segmentOffset += segmentLength;
        _elapsedInSegment = 0;
        _finalsSent = 0;
    }
}
