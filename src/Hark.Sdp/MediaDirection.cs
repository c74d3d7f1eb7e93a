namespace Hark.Sdp;

/// <summary>The RFC 3264 direction of a media stream, from the point of view of the side that wrote it.</summary>
public enum MediaDirection
{
    /// <summary>Send and receive (the default when no direction attribute is present).</summary>
    SendRecv,

    /// <summary>Send only; the usual way to put the other side on hold.</summary>
    SendOnly,

    /// <summary>Receive only.</summary>
    RecvOnly,

    /// <summary>Neither send nor receive.</summary>
    Inactive,
}
