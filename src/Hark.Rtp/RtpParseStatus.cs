namespace Hark.Rtp;

/// <summary>Outcome of <see cref="RtpPacket.TryParse"/>. Anything but <see cref="Ok"/> means drop the datagram.</summary>
public enum RtpParseStatus
{
    /// <summary>A well-formed RTP packet.</summary>
    Ok,

    /// <summary>Shorter than the 12-byte fixed header.</summary>
    TooShort,

    /// <summary>The version field is not 2.</summary>
    BadVersion,

    /// <summary>The CSRC list runs past the end of the datagram.</summary>
    TruncatedCsrcList,

    /// <summary>The header extension (X bit) runs past the end of the datagram.</summary>
    TruncatedExtension,

    /// <summary>The P bit is set but the padding count is zero or longer than what follows the header.</summary>
    BadPadding,
}
