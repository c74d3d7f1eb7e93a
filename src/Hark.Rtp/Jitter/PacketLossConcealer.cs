namespace Hark.Rtp.Jitter;

/// <summary>
/// Simple packet loss concealment for PCM16 frames: a lost frame is the last received frame repeated,
/// 6 dB quieter per repeat (½, ¼, ⅛), and silence from the fourth lost frame in a row on.
/// </summary>
/// <remarks>
/// Deliberately simple (no pitch-period repetition as in G.711 Appendix I): the goal is that a lost
/// packet neither clicks to zero nor drones on, and that a recording keeps its length. The first frame
/// after a loss is played as received, without cross-fade. Not thread-safe; one per call.
/// </remarks>
public sealed class PacketLossConcealer
{
    /// <summary>Lost frames in a row that still carry attenuated audio; later ones are silence.</summary>
    public const int MaxRepeats = 3;

    private readonly short[] _last;
    private int _lastLength;
    private int _repeats;

    /// <summary>Creates a concealer for frames of up to <paramref name="maxFrameSamples"/> samples.</summary>
    public PacketLossConcealer(int maxFrameSamples)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFrameSamples);
        _last = new short[maxFrameSamples];
    }

    /// <summary>Lost frames concealed since the last received one.</summary>
    public int ConsecutiveLost => _repeats;

    /// <summary>
    /// Handles one frame read from a <see cref="JitterBuffer"/>: remembers <see cref="JitterFrameKind.Audio"/>,
    /// fills a <see cref="JitterFrameKind.Lost"/> frame in place, and treats <see cref="JitterFrameKind.Empty"/>
    /// as silence (nothing to repeat afterwards).
    /// </summary>
    public void Process(JitterFrameKind kind, Span<short> frame)
    {
        switch (kind)
        {
            case JitterFrameKind.Audio:
                Remember(frame);
                break;
            case JitterFrameKind.Lost:
                Conceal(frame);
                break;
            default:
                _lastLength = 0;
                _repeats = 0;
                frame.Clear();
                break;
        }
    }

    /// <summary>Records a frame that was received, as the source of later concealment.</summary>
    /// <exception cref="ArgumentException">The frame is longer than the concealer's maximum.</exception>
    public void Remember(ReadOnlySpan<short> frame)
    {
        if (frame.Length > _last.Length)
        {
            throw new ArgumentException($"Frames are at most {_last.Length} samples.", nameof(frame));
        }

        frame.CopyTo(_last);
        _lastLength = frame.Length;
        _repeats = 0;
    }

    /// <summary>Writes the concealment for one lost frame into <paramref name="frame"/>.</summary>
    public void Conceal(Span<short> frame)
    {
        _repeats = Math.Min(_repeats + 1, MaxRepeats + 1);
        if (_repeats > MaxRepeats || _lastLength == 0)
        {
            frame.Clear();
            return;
        }

        // The remembered frame is repeated cyclically when the lost frame is longer than it.
        for (var i = 0; i < frame.Length; i++)
        {
            frame[i] = (short)(_last[i % _lastLength] >> _repeats);
        }
    }
}
