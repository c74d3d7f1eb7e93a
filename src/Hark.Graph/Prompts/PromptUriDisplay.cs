namespace Hark.Graph.Prompts;

/// <summary>Shortens a prompt URI for messages and logs.</summary>
internal static class PromptUriDisplay
{
    private const int MaxLength = 200;

    /// <summary>
    /// A data: URI shows only its header; an http(s) URI loses its query, which often carries a signature (SAS
    /// token) that should not land in logs; anything left over 200 characters is cut.
    /// </summary>
    public static string Shorten(string uri)
    {
        if (uri.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            var comma = uri.IndexOf(',', StringComparison.Ordinal);
            uri = comma < 0 ? uri : uri[..(comma + 1)] + "…";
        }
        else
        {
            var query = uri.IndexOf('?', StringComparison.Ordinal);
            uri = query < 0 ? uri : uri[..query] + "?…";
        }

        return uri.Length <= MaxLength ? uri : uri[..MaxLength] + "…";
    }
}
