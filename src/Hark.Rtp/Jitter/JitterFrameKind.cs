namespace Hark.Rtp.Jitter;

/// <summary>What one frame read from <see cref="JitterBuffer"/> holds.</summary>
public enum JitterFrameKind
{
    /// <summary>Nothing to play yet: no packet received, or the playout delay after a (re)start. The frame is silence; conceal nothing.</summary>
    Empty,

    /// <summary>Received audio (samples of a partly received frame that did not arrive are zero).</summary>
    Audio,

    /// <summary>No audio arrived for this frame in time: the caller conceals it (see <see cref="PacketLossConcealer"/>).</summary>
    Lost,
}
