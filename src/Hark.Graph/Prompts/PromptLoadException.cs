using Hark.Graph.Outbound;
namespace Hark.Graph.Prompts;

/// <summary>A prompt could not be fetched or decoded; the message is a sentence fit to show the bot's developer.</summary>
public sealed class PromptLoadException : Exception
{
    public PromptLoadException()
        : base("The prompt could not be loaded.")
    {
        Uri = "";
        Reason = "unknown error";
    }

    public PromptLoadException(string message)
        : base(message)
    {
        Uri = "";
        Reason = message;
    }

    public PromptLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
        Uri = "";
        Reason = message;
    }

    /// <summary>Builds "Prompt {uri} could not be loaded: {reason}." with the URI shortened for display.</summary>
    public PromptLoadException(string uri, string reason, Exception? innerException)
        : base($"Prompt {UriDisplay.Shorten(uri)} could not be loaded: {reason}.", innerException)
    {
        Uri = uri;
        Reason = reason;
    }

    /// <summary>The URI as the bot gave it.</summary>
    public string Uri { get; }

    /// <summary>Why it failed, e.g. "not found (HTTP 404)".</summary>
    public string Reason { get; }
}
