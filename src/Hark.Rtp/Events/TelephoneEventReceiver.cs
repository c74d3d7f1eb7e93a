using Hark.Media.Dtmf;

namespace Hark.Rtp.Events;

/// <summary>
/// Turns a stream of RFC 4733 telephone-event packets (one payload type, one SSRC) into key
/// presses. A pure state machine: packets and the audio clock go in, key transitions come out.
/// </summary>
/// <remarks>
/// <para>An event is identified by its RTP timestamp (the event start) and code (RFC 4733 2.5.2):
/// the first packet seen of a new timestamp gives KeyDown whether or not it carries the marker, so a
/// lost start packet loses nothing; the first E-bit packet gives KeyUp and later copies of it are
/// ignored. Packets whose timestamp is older than the current event are stale (reordered updates,
/// retransmitted end packets of a previous event) and ignored.</para>
/// <para>Long events (RFC 4733 2.5.1.3, 2.5.2.3) arrive as segments of at most 0xFFFF units, each
/// new segment timestamped where the previous one ended. A packet for the same key that starts
/// within the release timeout of 0xFFFF units after the current segment, while the key is down,
/// continues the press instead of starting a new one.</para>
/// <para>When all end packets are lost, <see cref="Tick"/> releases the key once the audio clock is
/// more than the release timeout past the last reported end of the event.</para>
/// <para>Timestamps and sequence numbers compare in serial (wrapping) arithmetic. Call
/// <see cref="Reset"/> when the sender's SSRC changes, since its timestamps then restart.</para>
/// </remarks>
public sealed class TelephoneEventReceiver
{
    private const uint MaxSegmentDuration = ushort.MaxValue;

    private readonly int _releaseTimeout;

    private bool _hasEvent;
    private bool _down;
    private DtmfKey _key;
    private uint _eventStart;
    private uint _segmentStart;
    private ushort _segmentDuration;
    private bool _hasSequence;
    private ushort _highestSequence;

    /// <summary>Creates a receiver.</summary>
    /// <param name="clockRate">Clock rate of the telephone-event payload type (8000 unless the SDP says otherwise).</param>
    /// <param name="releaseTimeoutMilliseconds">How long past the last reported end of an event the
    /// audio clock must run, with no end packet, before the key is released.</param>
    public TelephoneEventReceiver(int clockRate = 8000, int releaseTimeoutMilliseconds = 200)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clockRate);
        ArgumentOutOfRangeException.ThrowIfNegative(releaseTimeoutMilliseconds);
        var units = (long)clockRate * releaseTimeoutMilliseconds / 1000;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(units, MaxSegmentDuration, nameof(releaseTimeoutMilliseconds));
        _releaseTimeout = (int)units;
    }

    /// <summary>Release timeout in RTP timestamp units.</summary>
    public int ReleaseTimeoutTimestampUnits => _releaseTimeout;

    /// <summary>True while a key is down.</summary>
    public bool IsKeyDown => _down;

    /// <summary>
    /// Feeds one telephone-event RTP packet. Payloads shorter than 4 bytes and event codes
    /// above 16 (non-DTMF events) are ignored.
    /// </summary>
    /// <param name="rtpTimestamp">The packet's RTP timestamp (the event or segment start).</param>
    /// <param name="sequenceNumber">The packet's RTP sequence number.</param>
    /// <param name="marker">The packet's RTP marker bit (set on an event's first packet).</param>
    /// <param name="payload">The RTP payload.</param>
    /// <returns>The key transitions this packet causes, oldest first.</returns>
    public TelephoneEventBatch Receive(uint rtpTimestamp, ushort sequenceNumber, bool marker, ReadOnlySpan<byte> payload)
    {
        if (!TelephoneEvent.TryRead(payload, out var ev) || ev.Key is not { } key)
        {
            return default;
        }

        var sequenceAdvanced = !_hasSequence || (short)(ushort)(sequenceNumber - _highestSequence) > 0;
        if (sequenceAdvanced)
        {
            _hasSequence = true;
            _highestSequence = sequenceNumber;
        }

        if (!_hasEvent)
        {
            return Start(default, key, rtpTimestamp, ev);
        }

        var delta = (int)(rtpTimestamp - _segmentStart);
        if (delta == 0 && key == _key)
        {
            // Same event: an update, or a late copy of a packet of an event already released.
            return _down ? Update(ev) : default;
        }

        // An older timestamp is a stale packet, unless it opens an event (marker) in sequence
        // order: then the sender's timestamps jumped back and it must not be silenced forever.
        if (delta < 0 && !(marker && sequenceAdvanced))
        {
            return default;
        }

        if (_down && key == _key && IsNextSegment(delta))
        {
            _segmentStart = rtpTimestamp;
            _segmentDuration = ev.Duration;
            return ev.End ? default(TelephoneEventBatch).Add(Release()) : default;
        }

        var batch = _down ? default(TelephoneEventBatch).Add(Release()) : default;
        return Start(batch, key, rtpTimestamp, ev);
    }

    /// <summary>
    /// Advances the audio clock: releases a key whose end packets were all lost once
    /// <paramref name="currentRtpTimestamp"/> is more than the release timeout past the event's
    /// start plus its last reported duration. Pass the timestamp of the latest audio packet
    /// (RFC 4733 events share the audio stream's timestamp base).
    /// </summary>
    public TelephoneEventResult Tick(uint currentRtpTimestamp)
    {
        if (!_down)
        {
            return default;
        }

        var pastKnownEnd = (int)(currentRtpTimestamp - (_segmentStart + _segmentDuration));
        return pastKnownEnd > _releaseTimeout ? Release() : default;
    }

    /// <summary>
    /// Forgets all state (for a new SSRC). Returns the KeyUp of a key still down, so no press is left open.
    /// </summary>
    public TelephoneEventResult Reset()
    {
        var result = _down ? Release() : default;
        _hasEvent = false;
        _hasSequence = false;
        return result;
    }

    private TelephoneEventBatch Start(TelephoneEventBatch batch, DtmfKey key, uint rtpTimestamp, TelephoneEvent ev)
    {
        _hasEvent = true;
        _down = true;
        _key = key;
        _eventStart = rtpTimestamp;
        _segmentStart = rtpTimestamp;
        _segmentDuration = ev.Duration;
        batch = batch.Add(new TelephoneEventResult(TelephoneEventResultKind.KeyDown, key, rtpTimestamp, ev.Duration));
        return ev.End ? batch.Add(Release()) : batch;
    }

    private TelephoneEventBatch Update(TelephoneEvent ev)
    {
        // Reordered updates carry smaller durations; the event only grows.
        if (ev.Duration > _segmentDuration)
        {
            _segmentDuration = ev.Duration;
        }

        return ev.End ? default(TelephoneEventBatch).Add(Release()) : default;
    }

    // A continuation segment starts where the previous one ended, at 0xFFFF units (or a little
    // earlier for senders that cut segments on a packet boundary), never before its reported end.
    private bool IsNextSegment(int delta) =>
        delta > 0
        && (uint)delta <= MaxSegmentDuration
        && delta >= _segmentDuration
        && delta >= MaxSegmentDuration - _releaseTimeout;

    private TelephoneEventResult Release()
    {
        _down = false;
        var total = _segmentStart - _eventStart + _segmentDuration;
        return new TelephoneEventResult(TelephoneEventResultKind.KeyUp, _key, _eventStart, total);
    }
}
