namespace Hark.Rtp;

/// <summary>The fields of an outgoing RTP fixed header that vary per packet (version 2, no padding, no extension).</summary>
/// <param name="Marker">The M bit.</param>
/// <param name="PayloadType">Payload type, 0–127.</param>
/// <param name="SequenceNumber">Sequence number.</param>
/// <param name="Timestamp">RTP timestamp.</param>
/// <param name="Ssrc">Synchronisation source.</param>
public readonly record struct RtpHeader(bool Marker, byte PayloadType, ushort SequenceNumber, uint Timestamp, uint Ssrc);
