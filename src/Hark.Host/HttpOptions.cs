using System.ComponentModel.DataAnnotations;

namespace Hark.Host;

/// <summary>Limits of Hark's HTTP listener (Kestrel), bound from <c>Hark:Http</c>.</summary>
public sealed class HttpOptions
{
    public const string SectionName = "Hark:Http";

    /// <summary>
    /// HTTP connections open at once; Kestrel closes a connection past it as soon as it is accepted, without a
    /// response. Each is an open descriptor; a bot's HttpClient keeps a few pooled, a browser on the console six.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxConcurrentConnections { get; set; } = 1024;
}
