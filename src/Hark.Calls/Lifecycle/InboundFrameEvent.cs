namespace Hark.Calls.Lifecycle;

/// <summary>
/// One frame of the caller's audio at the media seam rate, copied into a buffer the actor owns.
/// Instances are pooled by <see cref="CallActor"/> and reused, so posting a frame allocates nothing.
/// </summary>
internal sealed record InboundFrameEvent(short[] Samples) : CallEvent
{
    /// <summary>False when the caller posted a span of another length: the frame is then dropped.</summary>
    public bool IsWholeFrame { get; set; }

    /// <summary>Made up by the media edge for audio that never arrived (packet loss), not what the caller said.</summary>
    public bool IsConcealed { get; set; }
}
