namespace Hark.Sip.Messages;

/// <summary>The one exception type the SIP parser throws; <see cref="Error"/> carries the reason and what is known of the message.</summary>
public sealed class SipParseException : FormatException
{
    public SipParseException()
        : this(new SipParseError("invalid SIP message", 400))
    {
    }

    public SipParseException(string message)
        : this(new SipParseError(message, 400))
    {
    }

    public SipParseException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = new SipParseError(message, 400);
    }

    public SipParseException(SipParseError error)
        : base(error?.Reason)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    public SipParseError Error { get; }
}
