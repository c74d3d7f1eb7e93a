namespace Hark.Graph.Prompts;
public sealed class PromptLoadException : Exception
{
    public PromptLoadException() { }
    public PromptLoadException(string message) : base(message) { }
    public PromptLoadException(string message, Exception inner) : base(message, inner) { }
}
