namespace Hark.Graph.Calls;

/// <summary>Fetches a prompt's audio (the prompt cache in production, a fake in tests).</summary>
public interface IPromptLoader
{
    /// <summary>
    /// Mono PCM16 at <paramref name="sampleRate"/>. Throws <see cref="Prompts.PromptLoadException"/> with a
    /// message for the bot when the prompt cannot be fetched or decoded.
    /// </summary>
    Task<short[]> LoadAsync(string uri, string? resourceId, int sampleRate, CancellationToken cancellationToken);

    /// <summary>Warms the cache (preFetchMedia); never throws for a bad item.</summary>
    Task PrefetchAsync(IReadOnlyList<(string Uri, string? ResourceId)> media, int sampleRate, CancellationToken cancellationToken);
}
