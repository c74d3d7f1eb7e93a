using System.Numerics;
using Hark.Media.Codecs;

namespace Hark.Rtp.Jitter;

/// <summary>
/// Per-call receive jitter buffer for 8 kHz G.711: packets go in in any order, fixed-length PCM16
/// frames come out. A pure state machine with no clock: either media time drives playout
/// (<see cref="TryReadComplete"/> after each packet, what Hark's RTP sessions do, so a late receiver loses
/// nothing) or the caller's tick does (<see cref="Read"/>, one frame per
/// <see cref="JitterBufferOptions.FrameMilliseconds"/>, also used when the sender has gone quiet).
/// </summary>
/// <remarks>
/// <para>Packets are kept as they came, one G.711 byte per sample with a bit saying which law, in a ring indexed by
/// RTP timestamp, and decoded as their frame is read: a PCMU↔PCMA switch mid-stream, 20/30 ms packets under
/// 20/30 ms frames, and sequence-number wrap need no special case; timestamps compare in serial (wrapping)
/// arithmetic. Bytes rather than decoded samples halve the ring (8 KB a call at Hark's defaults).</para>
/// <para>The delay is fixed and configurable rather than adaptive: Hark records and listens more
/// than it converses, so a steady 60 ms costs nothing, while an adaptive delay would need time
/// stretching to move without gaps and makes the frame sequence depend on history. Clock drift and
/// outages are handled by moving the playout point: a packet more than
/// <see cref="JitterBufferOptions.MaxDepthMilliseconds"/> ahead, or a run of late packets, resyncs.</para>
/// <para>Not thread-safe: one call's receive loop owns it.</para>
/// </remarks>
public sealed class JitterBuffer
{
    /// <summary>Largest payload accepted (bytes = samples for G.711; 128 ms).</summary>
    public const int MaxPayloadLength = 1024;

    private const int SamplesPerMillisecond = 8;

    private readonly byte[] _payload;
    private readonly PresenceBits _present;
    private readonly PresenceBits _aLaw; // per sample: A-law (PCMA) rather than µ-law
    private readonly int _mask;
    private readonly int _frameSamples;
    private readonly int _delaySamples;
    private readonly int _maxDepthSamples;
    private readonly int _lateRunBeforeResync;

    private bool _started;
    private uint _ssrc;
    private uint _playout;
    private uint _streamStart;
    private uint _newestEnd;
    private int _lateRun;

    private long _accepted;
    private long _duplicates;
    private long _late;
    private long _rejected;
    private long _lostFrames;
    private long _ssrcChanges;
    private long _resyncs;

    /// <summary>Creates a buffer with default options (20 ms frames, 60 ms delay, 200 ms depth).</summary>
    public JitterBuffer()
        : this(new JitterBufferOptions())
    {
    }

    /// <summary>Creates a buffer.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range.</exception>
    public JitterBuffer(JitterBufferOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.FrameMilliseconds, 10, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.FrameMilliseconds, 60, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.PlayoutDelayMilliseconds, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDepthMilliseconds, Math.Max(20, options.PlayoutDelayMilliseconds), nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxDepthMilliseconds, 1000, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.LateRunBeforeResync, nameof(options));

        _frameSamples = options.FrameMilliseconds * SamplesPerMillisecond;
        var delay = options.PlayoutDelayMilliseconds * SamplesPerMillisecond;

        // Whole frames of delay keep frame boundaries on packet boundaries when ptime equals the frame length.
        _delaySamples = (delay + _frameSamples - 1) / _frameSamples * _frameSamples;
        _maxDepthSamples = Math.Max(options.MaxDepthMilliseconds * SamplesPerMillisecond, _delaySamples);
        _lateRunBeforeResync = options.LateRunBeforeResync;

        // Room for the deepest packet start plus the largest packet, so ring slots never alias.
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)(_maxDepthSamples + MaxPayloadLength + _frameSamples));
        _payload = new byte[capacity];
        _present = new PresenceBits(capacity);
        _aLaw = new PresenceBits(capacity);
        _mask = capacity - 1;
    }

    /// <summary>Samples per frame read out.</summary>
    public int FrameSamples => _frameSamples;

    /// <summary>The effective playout delay in samples (the configured delay rounded up to whole frames).</summary>
    public int PlayoutDelaySamples => _delaySamples;

    /// <summary>Whether any packet arrived (before, <see cref="Read"/> gives silence and nothing else moves).</summary>
    public bool IsStarted => _started;

    /// <summary>The RTP timestamp of the next sample to be read out.</summary>
    public uint PlayoutTimestamp => _playout;

    /// <summary>Counters since creation.</summary>
    public JitterBufferStatistics Statistics =>
        new(_accepted, _duplicates, _late, _rejected, _lostFrames, _ssrcChanges, _resyncs);

    /// <summary>Inserts a parsed RTP packet whose payload type the caller has mapped to <paramref name="codec"/>.</summary>
    public JitterInsertResult Insert(in RtpPacket packet, G711Codec codec) =>
        Insert(packet.Ssrc, packet.SequenceNumber, packet.Timestamp, codec, packet.Payload);

    /// <summary>Inserts one packet's payload. Never throws on packet content.</summary>
    /// <param name="ssrc">The packet's SSRC; a new one resets the buffer.</param>
    /// <param name="sequenceNumber">Sequence number (ordering uses timestamps; kept for the caller's symmetry with statistics).</param>
    /// <param name="timestamp">RTP timestamp of the first sample.</param>
    /// <param name="codec">The law of this packet's payload (may change from packet to packet).</param>
    /// <param name="payload">G.711 bytes, one per sample.</param>
    public JitterInsertResult Insert(uint ssrc, ushort sequenceNumber, uint timestamp, G711Codec codec, ReadOnlySpan<byte> payload)
    {
        _ = sequenceNumber;
        if (payload.IsEmpty || payload.Length > MaxPayloadLength)
        {
            _rejected++;
            return JitterInsertResult.Rejected;
        }

        var result = JitterInsertResult.Accepted;
        if (!_started)
        {
            _started = true;
            _ssrc = ssrc;
            Restart(timestamp);
        }
        else if (ssrc != _ssrc)
        {
            _ssrcChanges++;
            _ssrc = ssrc;
            Restart(timestamp);
            result = JitterInsertResult.AcceptedNewSsrc;
        }

        var offset = (int)(timestamp - _playout);
        if (offset + payload.Length <= 0)
        {
            if (++_lateRun < _lateRunBeforeResync)
            {
                _late++;
                return JitterInsertResult.Late;
            }

            // Persistent lateness: the sender's timeline moved back or its clock is slower than our ticks.
            _resyncs++;
            MovePlayout(timestamp);
            offset = (int)(timestamp - _playout);
            result = JitterInsertResult.AcceptedResync;
        }
        else if (offset > _maxDepthSamples)
        {
            _resyncs++;
            MovePlayout(timestamp);
            offset = (int)(timestamp - _playout);
            result = JitterInsertResult.AcceptedResync;
        }

        _lateRun = 0;

        // A packet straddling the playout point keeps the part still to be played.
        var skip = Math.Max(0, -offset);
        var start = _playout + (uint)(offset + skip);
        payload = payload[skip..];

        var index = (int)(start & (uint)_mask);
        if (_present[index])
        {
            _duplicates++;
            return JitterInsertResult.Duplicate;
        }

        var first = Math.Min(payload.Length, _payload.Length - index);
        Store(codec, payload[..first], index);
        if (first < payload.Length)
        {
            Store(codec, payload[first..], 0);
        }

        var end = start + (uint)payload.Length;
        if ((int)(end - _newestEnd) > 0)
        {
            _newestEnd = end;
        }

        _accepted++;
        return result;
    }

    /// <summary>
    /// Reads the next frame if its media time is complete: every sample of it arrived, or audio newer than it by
    /// at least the playout delay (the reorder window) arrived, so what is still missing is lost. Media-time
    /// playout: however late the caller's tick runs, every received packet is read out in timestamp order.
    /// </summary>
    /// <returns>False when the next frame is still waiting for packets (nothing was read).</returns>
    public bool TryReadComplete(Span<short> frame, out JitterFrameKind kind)
    {
        kind = JitterFrameKind.Empty;
        if (!_started)
        {
            return false;
        }

        var ahead = (int)(_newestEnd - (_playout + (uint)_frameSamples));
        if (ahead < 0 || (ahead < _delaySamples && !IsWhole(_playout)))
        {
            return false;
        }

        kind = Read(frame);
        return true;
    }

    /// <summary>Reads the next frame while any received audio is still buffered ahead of the playout point (a flush at the end of a call).</summary>
    /// <returns>False when nothing received is left.</returns>
    public bool TryReadRemaining(Span<short> frame, out JitterFrameKind kind)
    {
        kind = JitterFrameKind.Empty;
        if (!_started || (int)(_newestEnd - _playout) <= 0)
        {
            return false;
        }

        kind = Read(frame);
        return true;
    }

    private bool IsWhole(uint start)
    {
        var index = (int)(start & (uint)_mask);
        var first = Math.Min(_frameSamples, _payload.Length - index);
        return _present.AllSet(index, first) && (first == _frameSamples || _present.AllSet(0, _frameSamples - first));
    }

    /// <summary>
    /// Reads the next frame into <paramref name="frame"/> (at least <see cref="FrameSamples"/> long) and
    /// advances the playout point by one frame. Call once per tick.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="frame"/> is shorter than a frame.</exception>
    public JitterFrameKind Read(Span<short> frame)
    {
        if (frame.Length < _frameSamples)
        {
            throw new ArgumentException($"A frame needs {_frameSamples} samples.", nameof(frame));
        }

        frame = frame[.._frameSamples];
        if (!_started)
        {
            frame.Clear();
            return JitterFrameKind.Empty;
        }

        var index = (int)(_playout & (uint)_mask);
        var first = Math.Min(_frameSamples, _payload.Length - index);
        var any = CopyOut(index, frame[..first]);
        if (first < _frameSamples)
        {
            any |= CopyOut(0, frame[first..]);
        }

        var beforeStream = (int)(_playout + (uint)_frameSamples - _streamStart) <= 0;
        _playout += (uint)_frameSamples;
        if (any)
        {
            return JitterFrameKind.Audio;
        }

        if (beforeStream)
        {
            return JitterFrameKind.Empty;
        }

        _lostFrames++;
        return JitterFrameKind.Lost;
    }

    // Keeps one contiguous ring run of a packet's bytes, marked present and with their law.
    private void Store(G711Codec codec, ReadOnlySpan<byte> bytes, int index)
    {
        bytes.CopyTo(_payload.AsSpan(index));
        _present.SetRange(index, bytes.Length);
        if (codec == G711Codec.Pcma)
        {
            _aLaw.SetRange(index, bytes.Length);
        }
        else
        {
            _aLaw.ClearRange(index, bytes.Length);
        }
    }

    // Decodes one contiguous ring run into the frame, zeroing samples that never arrived, and frees the run.
    private bool CopyOut(int index, Span<short> destination)
    {
        var count = destination.Length;
        var bytes = _payload.AsSpan(index, count);
        if (_present.AllSet(index, count))
        {
            Decode(bytes, index, destination);
            _present.ClearRange(index, count);
            return true;
        }

        if (!_present.AnySet(index, count))
        {
            destination.Clear();
            return false;
        }

        Decode(bytes, index, destination);
        for (var i = 0; i < count; i++)
        {
            if (!_present[index + i])
            {
                destination[i] = 0;
            }
        }

        _present.ClearRange(index, count);
        return true;
    }

    // One law for the whole run (the usual case) decodes in one pass; a run where the law changes, sample by sample.
    private void Decode(ReadOnlySpan<byte> bytes, int index, Span<short> destination)
    {
        if (!_aLaw.AnySet(index, bytes.Length))
        {
            MuLaw.Decode(bytes, destination);
        }
        else if (_aLaw.AllSet(index, bytes.Length))
        {
            ALaw.Decode(bytes, destination);
        }
        else
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                destination[i] = _aLaw[index + i] ? ALaw.Decode(bytes[i]) : MuLaw.Decode(bytes[i]);
            }
        }
    }

    private void Restart(uint timestamp)
    {
        _present.ClearAll();
        _lateRun = 0;
        _playout = timestamp - (uint)_delaySamples;
        _streamStart = timestamp;
        _newestEnd = timestamp;
    }

    // Moves the playout point to put this packet one playout delay ahead, keeping buffered audio that
    // is still ahead of the new point (a drift correction) and forgetting the rest.
    private void MovePlayout(uint timestamp)
    {
        var target = timestamp - (uint)_delaySamples;
        var forward = (int)(target - _playout);
        if (forward <= 0 || forward >= _payload.Length)
        {
            _present.ClearAll();
        }
        else
        {
            var index = (int)(_playout & (uint)_mask);
            var first = Math.Min(forward, _payload.Length - index);
            _present.ClearRange(index, first);
            _present.ClearRange(0, forward - first);
        }

        _lateRun = 0;
        _playout = target;
        _streamStart = timestamp;
        _newestEnd = timestamp;
    }
}
