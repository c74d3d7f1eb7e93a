namespace Hark.Calls.Lifecycle;

/// <summary>One frame of the caller's audio at the media seam rate.</summary>
internal sealed record InboundFrameEvent(ReadOnlyMemory<short> Samples) : CallEvent;
