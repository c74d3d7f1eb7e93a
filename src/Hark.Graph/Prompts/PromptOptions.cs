using System.ComponentModel.DataAnnotations;

namespace Hark.Graph.Prompts;

/// <summary>How prompt audio is fetched and cached, bound from <c>Hark:Prompts</c>.</summary>
public sealed class PromptOptions
{
    public const string SectionName = "Hark:Prompts";

    /// <summary>Longest one fetch may take, from connecting to the last byte.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest prompt file accepted, in bytes (the body is counted as it streams in).</summary>
    [Range(1024, int.MaxValue)]
    public int MaxBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Decoded audio kept in memory, in bytes of PCM16; the least recently used prompts go first. 0 disables caching.</summary>
    [Range(typeof(long), "0", "1099511627776")]
    public long CacheBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Prompt fetches (http and https) in flight at once, all calls together; more wait for a slot within their timeout.</summary>
    [Range(1, 1024)]
    public int MaxConcurrentFetches { get; set; } = 16;
}
