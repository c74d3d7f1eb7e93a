namespace Hark.Rtp.Jitter;

/// <summary>Counters of one <see cref="JitterBuffer"/> since it was created.</summary>
/// <param name="Accepted">Packets stored.</param>
/// <param name="Duplicates">Packets dropped because their audio was already buffered.</param>
/// <param name="Late">Packets dropped because their audio had already been played out.</param>
/// <param name="Rejected">Empty or oversized payloads dropped.</param>
/// <param name="LostFrames">Frames read out as <see cref="JitterFrameKind.Lost"/>.</param>
/// <param name="SsrcChanges">Times a new SSRC reset the buffer.</param>
/// <param name="Resyncs">Times the playout point moved to a packet (timestamp jump or run of late packets).</param>
public readonly record struct JitterBufferStatistics(
    long Accepted,
    long Duplicates,
    long Late,
    long Rejected,
    long LostFrames,
    long SsrcChanges,
    long Resyncs);
