using System.ComponentModel.DataAnnotations;

namespace Hark.Rtp.Jitter;

/// <summary>Settings of a <see cref="JitterBuffer"/> (8 kHz G.711 audio).</summary>
public sealed class JitterBufferOptions
{
    /// <summary>Length of the frames read out, in milliseconds (10–60, a multiple of 10; 20 by default).</summary>
    [Range(10, 60)]
    public int FrameMilliseconds { get; set; } = 20;

    /// <summary>
    /// Fixed playout delay: how far behind the first packet's timestamp playout starts, so packets
    /// reordered or delayed by up to this much are still played. Rounded up to whole frames.
    /// </summary>
    [Range(0, 200)]
    public int PlayoutDelayMilliseconds { get; set; } = 60;

    /// <summary>
    /// A packet starting more than this far ahead of the playout point moves the playout point
    /// (timestamp jump, or a sender clock running faster than ours). At least the playout delay.
    /// </summary>
    [Range(20, 1000)]
    public int MaxDepthMilliseconds { get; set; } = 200;

    /// <summary>This many late packets in a row move the playout point back to the sender's timeline
    /// (its timestamps jumped back, or its clock runs slower than ours).</summary>
    [Range(1, 50)]
    public int LateRunBeforeResync { get; set; } = 3;
}
