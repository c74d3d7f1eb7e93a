namespace Hark.Rtp.Tests.Events;

/// <summary>One RTP telephone-event packet from a capture: header fields the receiver needs, and the payload.</summary>
internal sealed record Rfc4733Packet(ushort SequenceNumber, uint Timestamp, bool Marker, byte[] Payload);
