namespace Hark.Graph.Outbound;

/// <summary>The guarded connect refused or could not resolve the host; <see cref="Exception.Message"/> is the reason.</summary>
internal sealed class OutboundConnectException : Exception
{
    public OutboundConnectException()
    {
    }

    public OutboundConnectException(string message)
        : base(message)
    {
    }

    public OutboundConnectException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
