using Hark.Graph.Outbound;
namespace Hark.Graph.Prompts;

/// <summary>What identifies cached audio: the Graph resourceId when the bot gave one, else the URI; and the rate.</summary>
internal readonly record struct PromptCacheKey(bool IsResourceId, string Id, int SampleRate)
{
    public static PromptCacheKey For(string uri, string? resourceId, int sampleRate) =>
        string.IsNullOrEmpty(resourceId) ? new(false, uri, sampleRate) : new(true, resourceId, sampleRate);

    public override string ToString() => (IsResourceId ? "resource " + Id : UriDisplay.Shorten(Id)) + " @" + SampleRate;
}
