namespace Hark.Graph.Prompts;

/// <summary>The guarded connect refused or could not resolve the host; <see cref="Exception.Message"/> is the reason.</summary>
internal sealed class PromptConnectException : Exception
{
    public PromptConnectException()
    {
    }

    public PromptConnectException(string message)
        : base(message)
    {
    }

    public PromptConnectException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
