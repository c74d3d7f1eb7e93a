namespace Hark.Rtp.Rtcp;

/// <summary>RTCP packet types of RFC 3550 section 12.1.</summary>
public enum RtcpPacketType : byte
{
    /// <summary>SR.</summary>
    SenderReport = 200,

    /// <summary>RR.</summary>
    ReceiverReport = 201,

    /// <summary>SDES.</summary>
    SourceDescription = 202,

    /// <summary>BYE.</summary>
    Goodbye = 203,

    /// <summary>APP.</summary>
    ApplicationDefined = 204,
}
