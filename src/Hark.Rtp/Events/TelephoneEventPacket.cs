namespace Hark.Rtp.Events;

/// <summary>How to send one payload produced by <see cref="TelephoneEventSender"/>.</summary>
/// <param name="Marker">Set the RTP marker bit (only on the event's first packet).</param>
/// <param name="TimestampOffset">Add this to the event's start timestamp to get the packet's RTP
/// timestamp: 0 for the first segment, a multiple of 0xFFFF for later segments of a long event.</param>
/// <param name="Length">Bytes written to the payload span (always 4).</param>
public readonly record struct TelephoneEventPacket(bool Marker, uint TimestampOffset, int Length);
