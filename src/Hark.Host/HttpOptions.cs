using System.ComponentModel.DataAnnotations;

namespace Hark.Host;

/// <summary>Limits of Hark's HTTP listener (Kestrel), bound from <c>Hark:Http</c>.</summary>
public sealed class HttpOptions
{
    public const string SectionName = "Hark:Http";

    /// <summary>
    /// HTTP connections open at once, every endpoint together. One past it is refused by Hark (not Kestrel's own
    /// cap): its request head is read (at most 8 KB and 1 s), it is answered HTTP/1.1 <c>503</c> with
    /// <c>Retry-After: 1</c> and a Graph error (<c>serviceNotAvailable</c>), which the Graph SDK retries, and closed
    /// after giving the client up to 1 s to close first. A refusal does not count against the limit; connections
    /// already open are never touched. Each connection is an open descriptor; a bot's HttpClient keeps a few pooled,
    /// a browser on the console six.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxConcurrentConnections { get; set; } = 1024;
}
