namespace Hark.Sdp;

/// <summary>The outcome of offer/answer the RTP layer runs a call with, seen from Hark's side.</summary>
/// <param name="RemoteAddress">Where the peer wants RTP (address or host name, as written in its c line).</param>
/// <param name="RemotePort">The peer's RTP port.</param>
/// <param name="PayloadType">The RTP payload type of the voice codec.</param>
/// <param name="Codec">The voice codec.</param>
/// <param name="TelephoneEventPayloadType">The RFC 4733 payload type at 8000 Hz, or null when not negotiated.</param>
/// <param name="PacketTimeMs">Milliseconds of audio per packet Hark sends (20 or 30).</param>
/// <param name="Direction">Hark's direction: SendOnly or Inactive means the peer put the call on hold or vice versa.</param>
public sealed record NegotiatedAudio(
    string RemoteAddress,
    int RemotePort,
    int PayloadType,
    AudioCodec Codec,
    int? TelephoneEventPayloadType,
    int PacketTimeMs,
    MediaDirection Direction)
{
    /// <summary>G.711's RTP clock rate.</summary>
    public const int G711ClockRate = 8000;

    /// <summary>The RTP clock rate (always 8000 for G.711).</summary>
    public int ClockRate { get; init; } = G711ClockRate;

    /// <summary>Samples (and G.711 bytes) per packet.</summary>
    public int SamplesPerPacket => PacketTimeMs * ClockRate / 1000;

    /// <summary>The peer's RTCP port: its a=rtcp, else RTP port + 1 (the RTP port itself with rtcp-mux).</summary>
    public int RemoteRtcpPort { get; init; }

    /// <summary>True when both sides agreed on rtcp-mux.</summary>
    public bool RtcpMux { get; init; }

    /// <summary>True when Hark may send media.</summary>
    public bool CanSend => Direction is MediaDirection.SendRecv or MediaDirection.SendOnly;

    /// <summary>True when Hark expects media.</summary>
    public bool CanReceive => Direction is MediaDirection.SendRecv or MediaDirection.RecvOnly;
}
