using Hark.Graph.Calls;
using Hark.Graph.Prompts;

namespace Hark.Host;

/// <summary>The calls' <see cref="IPromptLoader"/> port, served by the shared <see cref="PromptCache"/>.</summary>
internal sealed class PromptCacheLoader(PromptCache cache) : IPromptLoader
{
    public Task<short[]> LoadAsync(string uri, string? resourceId, int sampleRate, CancellationToken cancellationToken) =>
        cache.GetAsync(uri, resourceId, sampleRate, cancellationToken);

    public Task PrefetchAsync(IReadOnlyList<(string Uri, string? ResourceId)> media, int sampleRate, CancellationToken cancellationToken) =>
        cache.PrefetchAsync(media, sampleRate, cancellationToken);
}
