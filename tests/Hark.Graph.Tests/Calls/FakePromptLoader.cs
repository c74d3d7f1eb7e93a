using Hark.Graph.Calls;
using Hark.Graph.Prompts;

namespace Hark.Graph.Tests.Calls;

/// <summary>Serves prompts from a dictionary; an unknown URI fails as an unfetchable prompt would.</summary>
internal sealed class FakePromptLoader : IPromptLoader
{
    public Dictionary<string, short[]> Prompts { get; } = [];

    public List<string> Prefetched { get; } = [];

    public Task<short[]> LoadAsync(string uri, string? resourceId, int sampleRate, CancellationToken cancellationToken) =>
        Prompts.TryGetValue(uri, out var pcm)
            ? Task.FromResult(pcm)
            : Task.FromException<short[]>(new PromptLoadException($"The prompt {uri} was not found (HTTP 404)."));

    public Task PrefetchAsync(IReadOnlyList<(string Uri, string? ResourceId)> media, int sampleRate, CancellationToken cancellationToken)
    {
        Prefetched.AddRange(media.Select(m => m.Uri));
        return Task.CompletedTask;
    }
}
