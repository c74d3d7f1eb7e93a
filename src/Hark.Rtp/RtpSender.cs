using Hark.Media.Codecs;
using Hark.Media.Dtmf;
using Hark.Rtp.Events;

namespace Hark.Rtp;

/// <summary>
/// Send-side RTP state of one call: SSRC, sequence number and timestamp (all random at start,
/// RFC 3550 section 5.1), turning outgoing PCM16 frames into G.711 packets and interleaving
/// RFC 4733 telephone-event packets in the same SSRC and sequence space.
/// </summary>
/// <remarks>
/// <para>The caller ticks once per frame: <see cref="WriteFrame"/> to send, or <see cref="SkipFrame"/>
/// while not sending (the timestamp keeps counting sampling instants; the next audio packet then
/// carries the marker, as RFC 3551 section 4.1 asks of the first packet of a talkspurt).</para>
/// <para>While a key press is being sent, each tick sends its telephone-event packet instead of
/// audio. Every packet of an event carries the event's start timestamp (the audio timestamp when
/// <see cref="StartEvent"/> was called, plus the segment offset for long events), while the audio
/// clock keeps advancing one frame per tick, so audio resumes on its own timeline.</para>
/// <para>Not thread-safe; one per call, owned by the call's send loop.</para>
/// </remarks>
public sealed class RtpSender
{
    private readonly G711Codec _codec;
    private readonly byte _payloadType;
    private readonly byte? _eventPayloadType;
    private readonly int _samplesPerFrame;
    private readonly TelephoneEventSender? _events;
    private readonly Queue<(DtmfKey Key, uint Duration)> _pendingEvents = new();

    private bool _markerPending = true;
    private uint _eventStart;

    /// <summary>Creates the sender state.</summary>
    /// <param name="codec">The negotiated G.711 law.</param>
    /// <param name="payloadType">Its payload type (0 for PCMU, 8 for PCMA unless the SDP remapped it).</param>
    /// <param name="samplesPerFrame">Samples per packet: 160 for 20 ms, 240 for 30 ms.</param>
    /// <param name="telephoneEventPayloadType">The negotiated telephone-event payload type, or null when the peer offered none.</param>
    /// <param name="random">Source of the random SSRC, sequence and timestamp starts; <see cref="Random.Shared"/> by default.</param>
    public RtpSender(G711Codec codec, byte payloadType, int samplesPerFrame, byte? telephoneEventPayloadType = null, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payloadType, (byte)127);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samplesPerFrame);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(samplesPerFrame, ushort.MaxValue);
        if (telephoneEventPayloadType is { } te)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(te, (byte)127, nameof(telephoneEventPayloadType));
            _events = new TelephoneEventSender(samplesPerFrame);
        }

        random ??= Random.Shared;
        _codec = codec;
        _payloadType = payloadType;
        _eventPayloadType = telephoneEventPayloadType;
        _samplesPerFrame = samplesPerFrame;
        Ssrc = (uint)random.NextInt64(0, 1L << 32);
        SequenceNumber = (ushort)random.Next(0, 1 << 16);
        Timestamp = (uint)random.NextInt64(0, 1L << 32);
    }

    /// <summary>This sender's SSRC.</summary>
    public uint Ssrc { get; }

    /// <summary>Sequence number of the next packet.</summary>
    public ushort SequenceNumber { get; private set; }

    /// <summary>Audio timestamp of the next frame.</summary>
    public uint Timestamp { get; private set; }

    /// <summary>Samples per frame (the timestamp step per tick).</summary>
    public int SamplesPerFrame => _samplesPerFrame;

    /// <summary>Packets sent so far (for RTCP sender reports).</summary>
    public uint PacketCount { get; private set; }

    /// <summary>Payload octets sent so far (for RTCP sender reports).</summary>
    public uint OctetCount { get; private set; }

    /// <summary>True while a key press still has packets to send.</summary>
    public bool IsSendingEvent => _events?.IsActive == true;

    /// <summary>Largest packet this sender writes: a 12-byte header and one G.711 byte per sample.</summary>
    public int MaxPacketLength => RtpPacket.FixedHeaderSize + Math.Max(_samplesPerFrame, TelephoneEvent.Size);

    /// <summary>
    /// Starts sending a key press of <paramref name="duration"/> timestamp units from the current audio timestamp; while
    /// another press still has packets to send (its end packets included), this one waits and starts right after it.
    /// </summary>
    /// <exception cref="InvalidOperationException">No telephone-event payload type was negotiated.</exception>
    public void StartEvent(DtmfKey key, uint duration)
    {
        if (_events is null)
        {
            throw new InvalidOperationException("The peer did not negotiate telephone-event; send the key as in-band tones.");
        }

        if (_events.IsActive)
        {
            _pendingEvents.Enqueue((key, duration));
            return;
        }

        _events.Start(key, duration);
        _eventStart = Timestamp;
    }

    /// <summary>
    /// Writes this tick's packet into <paramref name="destination"/> and returns its length: the next
    /// telephone-event packet while a key press is being sent, otherwise <paramref name="frame"/> encoded.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="frame"/> is not one frame long, or <paramref name="destination"/> is shorter than <see cref="MaxPacketLength"/>.</exception>
    public int WriteFrame(ReadOnlySpan<short> frame, Span<byte> destination)
    {
        if (frame.Length != _samplesPerFrame)
        {
            throw new ArgumentException($"A frame is {_samplesPerFrame} samples.", nameof(frame));
        }

        if (destination.Length < MaxPacketLength)
        {
            throw new ArgumentException($"A packet needs up to {MaxPacketLength} bytes.", nameof(destination));
        }

        return IsSendingEvent ? WriteEvent(destination) : WriteAudio(frame, destination);
    }

    /// <summary>Lets one frame pass without sending (silence, hold): the timestamp advances and the next audio packet carries the marker.</summary>
    public void SkipFrame()
    {
        Timestamp += (uint)_samplesPerFrame;
        _markerPending = true;
    }

    private int WriteAudio(ReadOnlySpan<short> frame, Span<byte> destination)
    {
        var header = new RtpHeader(_markerPending, _payloadType, SequenceNumber, Timestamp, Ssrc);
        var offset = RtpPacketWriter.WriteHeader(destination, header);
        var payload = destination.Slice(offset, frame.Length);
        if (_codec == G711Codec.Pcma)
        {
            ALaw.Encode(frame, payload);
        }
        else
        {
            MuLaw.Encode(frame, payload);
        }

        _markerPending = false;
        return Sent(offset + frame.Length, frame.Length);
    }

    private int WriteEvent(Span<byte> destination)
    {
        var payload = destination.Slice(RtpPacket.FixedHeaderSize, TelephoneEvent.Size);
        _events!.TryNext(payload, out var packet);
        var header = new RtpHeader(packet.Marker, _eventPayloadType!.Value, SequenceNumber, _eventStart + packet.TimestampOffset, Ssrc);
        var offset = RtpPacketWriter.WriteHeader(destination, header);
        var length = Sent(offset + packet.Length, packet.Length);
        if (!_events.IsActive && _pendingEvents.TryDequeue(out var next))
        {
            _events.Start(next.Key, next.Duration);
            _eventStart = Timestamp;
        }

        return length;
    }

    private int Sent(int packetLength, int payloadLength)
    {
        SequenceNumber++;
        Timestamp += (uint)_samplesPerFrame;
        PacketCount++;
        OctetCount += (uint)payloadLength;
        return packetLength;
    }
}
