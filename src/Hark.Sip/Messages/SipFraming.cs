namespace Hark.Sip.Messages;

/// <summary>How the bytes given to the parser were delimited (RFC 3261 §18.3).</summary>
public enum SipFraming
{
    /// <summary>One UDP datagram: without Content-Length the body is the rest of the datagram.</summary>
    Datagram,

    /// <summary>A stream (TCP): Content-Length is required and delimits the message.</summary>
    Stream,
}
