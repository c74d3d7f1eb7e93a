namespace Hark.Rtp.Rtcp;

/// <summary>
/// Reception statistics of one remote source, as RFC 3550 appendix A.1, A.3 and A.8 compute them:
/// sequence validation with probation, extended highest sequence, cumulative and interval loss,
/// interarrival jitter, and LSR/DLSR of the last SR. Arrival times are given by the caller (no clock
/// inside); they only need a common origin.
/// </summary>
/// <remarks>Not thread-safe; one per source, owned by the call's receive loop. A new SSRC needs a new instance.</remarks>
public sealed class RtpReceiveStatistics
{
    private const int MaxDropout = 3000;
    private const int MaxMisorder = 100;
    private const uint SequenceModulus = 1 << 16;

    private readonly int _clockRate;
    private readonly int _minSequential;

    private ushort _maxSequence;
    private uint _cycles;
    private uint _baseSequence;
    private uint _badSequence;
    private int _probation;
    private long _received;
    private long _expectedPrior;
    private long _receivedPrior;
    private bool _hasTransit;
    private int _transit;
    private double _jitter;
    private bool _hasSenderReport;
    private uint _lastSenderReport;
    private TimeSpan _lastSenderReportArrival;

    /// <summary>Creates statistics for <paramref name="ssrc"/>, whose first packet is <paramref name="firstSequence"/>.</summary>
    /// <param name="ssrc">The source.</param>
    /// <param name="firstSequence">Sequence number of the first packet seen (which is then passed to <see cref="Receive"/> as well).</param>
    /// <param name="clockRate">RTP clock rate of the source's payload (8000 for G.711).</param>
    /// <param name="minSequential">Packets in sequence before the source counts as valid (RFC 3550 A.1 uses 2; 1 trusts the first packet).</param>
    public RtpReceiveStatistics(uint ssrc, ushort firstSequence, int clockRate = 8000, int minSequential = 2)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clockRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minSequential);
        Ssrc = ssrc;
        _clockRate = clockRate;
        _minSequential = minSequential;
        Initialize(firstSequence);
        _maxSequence = (ushort)(firstSequence - 1);
        _probation = minSequential;
    }

    /// <summary>The source.</summary>
    public uint Ssrc { get; }

    /// <summary>True once the source has passed probation.</summary>
    public bool IsValid => _probation == 0;

    /// <summary>Packets counted as received (duplicates included, as RFC 3550 counts them).</summary>
    public long Received => _received;

    /// <summary>Highest sequence number seen, with the wrap count in the high 16 bits.</summary>
    public uint ExtendedHighestSequence => _cycles + _maxSequence;

    /// <summary>Packets expected from the first valid one to the highest seen.</summary>
    public long Expected => (long)ExtendedHighestSequence - _baseSequence + 1;

    /// <summary>Expected minus received, unclamped (negative with duplicates).</summary>
    public long CumulativeLost => Expected - _received;

    /// <summary>Interarrival jitter estimate in timestamp units (RFC 3550 section 6.4.1).</summary>
    public double Jitter => _jitter;

    /// <summary>
    /// Records one RTP packet from the source. Returns false while the source is on probation and
    /// for a packet that jumped too far (the start of a possible restart); true when it was counted.
    /// </summary>
    /// <param name="sequenceNumber">The packet's sequence number.</param>
    /// <param name="timestamp">The packet's RTP timestamp.</param>
    /// <param name="arrival">When it arrived, from any fixed origin.</param>
    public bool Receive(ushort sequenceNumber, uint timestamp, TimeSpan arrival)
    {
        if (!UpdateSequence(sequenceNumber))
        {
            return false;
        }

        UpdateJitter(timestamp, arrival);
        return true;
    }

    /// <summary>Records an SR received from the source, for LSR/DLSR in the next report block.</summary>
    public void OnSenderReport(ulong ntpTimestamp, TimeSpan arrival)
    {
        _hasSenderReport = true;
        _lastSenderReport = NtpTimestamp.Middle32(ntpTimestamp);
        _lastSenderReportArrival = arrival;
    }

    /// <summary>
    /// Builds the report block for this source as of <paramref name="now"/> and starts a new
    /// interval for the fraction lost (RFC 3550 A.3).
    /// </summary>
    public RtcpReportBlock CreateReportBlock(TimeSpan now)
    {
        var expected = Expected;
        var lost = Math.Clamp(expected - _received, RtcpReportBlock.MinCumulativeLost, RtcpReportBlock.MaxCumulativeLost);
        var expectedInterval = expected - _expectedPrior;
        var receivedInterval = _received - _receivedPrior;
        _expectedPrior = expected;
        _receivedPrior = _received;
        var lostInterval = expectedInterval - receivedInterval;
        var fraction = expectedInterval == 0 || lostInterval <= 0 ? 0 : (lostInterval << 8) / expectedInterval;

        return new RtcpReportBlock(
            Ssrc,
            (byte)Math.Min(fraction, 255),
            (int)lost,
            ExtendedHighestSequence,
            (uint)_jitter,
            _hasSenderReport ? _lastSenderReport : 0,
            _hasSenderReport ? NtpTimestamp.ToShortUnits(now - _lastSenderReportArrival) : 0);
    }

    private void Initialize(ushort sequence)
    {
        _baseSequence = sequence;
        _maxSequence = sequence;
        _badSequence = SequenceModulus + 1;
        _cycles = 0;
        _received = 0;
        _receivedPrior = 0;
        _expectedPrior = 0;
    }

    // RFC 3550 A.1 update_seq.
    private bool UpdateSequence(ushort sequence)
    {
        var delta = (ushort)(sequence - _maxSequence);
        if (_probation > 0)
        {
            if (sequence == (ushort)(_maxSequence + 1))
            {
                _probation--;
                _maxSequence = sequence;
                if (_probation == 0)
                {
                    Initialize(sequence);
                    _received++;
                    return true;
                }
            }
            else
            {
                _probation = _minSequential - 1;
                _maxSequence = sequence;
            }

            return false;
        }

        if (delta < MaxDropout)
        {
            if (sequence < _maxSequence)
            {
                _cycles += SequenceModulus;
            }

            _maxSequence = sequence;
        }
        else if (delta <= SequenceModulus - MaxMisorder)
        {
            if (sequence != _badSequence)
            {
                // A big jump: counted only if the next packet confirms the sender restarted here.
                _badSequence = (uint)((sequence + 1) & (SequenceModulus - 1));
                return false;
            }

            Initialize(sequence);
            _hasTransit = false;
        }

        // Otherwise a duplicate or reordered packet: counted, no state change.
        _received++;
        return true;
    }

    // RFC 3550 A.8, with the arrival converted to timestamp units; the first packet only sets the transit.
    private void UpdateJitter(uint timestamp, TimeSpan arrival)
    {
        var seconds = Math.DivRem(arrival.Ticks, TimeSpan.TicksPerSecond, out var ticks);
        var arrivalUnits = (uint)((seconds * _clockRate) + (ticks * _clockRate / TimeSpan.TicksPerSecond));
        var transit = (int)(arrivalUnits - timestamp);
        if (_hasTransit)
        {
            var d = Math.Abs((double)(transit - _transit));
            _jitter += (d - _jitter) / 16;
        }

        _hasTransit = true;
        _transit = transit;
    }
}
