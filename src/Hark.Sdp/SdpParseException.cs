namespace Hark.Sdp;

/// <summary>Thrown by <see cref="SessionDescription.Parse(string)"/>; the only exception SDP parsing raises.</summary>
public sealed class SdpParseException : FormatException
{
    /// <summary>Creates the exception for <paramref name="error"/>.</summary>
    public SdpParseException(SdpParseError error)
        : base(error?.ToString())
    {
        Error = error ?? new SdpParseError(0, "unknown error");
    }

    /// <summary>Creates the exception with a message.</summary>
    public SdpParseException()
        : this(new SdpParseError(0, "unknown error"))
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SdpParseException(string message)
        : this(new SdpParseError(0, message))
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public SdpParseException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = new SdpParseError(0, message);
    }

    /// <summary>The parse error.</summary>
    public SdpParseError Error { get; }
}
