namespace Hark.Graph.Outbound;

/// <summary>Shortens a URI a bot gave (a prompt, a callback) for messages and logs, so no secret it carries lands there.</summary>
public static class UriDisplay
{
    private const int MaxLength = 200;

    /// <summary>
    /// A data: URI shows only its header; an http(s) URI becomes scheme://host[:port]/path: its user information
    /// (a password), query (a SAS signature, a token) and fragment are replaced by "…"; anything left over 200
    /// characters is cut.
    /// </summary>
    public static string Shorten(string? uri)
    {
        if (string.IsNullOrEmpty(uri))
        {
            return "";
        }

        if (uri.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            var comma = uri.IndexOf(',', StringComparison.Ordinal);
            uri = comma < 0 ? uri : uri[..(comma + 1)] + "…";
        }
        else
        {
            var cut = uri.IndexOfAny(['?', '#']);
            var hidden = cut >= 0;
            uri = hidden ? uri[..cut] : uri;
            var scheme = uri.IndexOf("://", StringComparison.Ordinal);
            if (scheme >= 0)
            {
                var authorityStart = scheme + 3;
                var authorityEnd = uri.IndexOf('/', authorityStart);
                var authority = authorityEnd < 0 ? uri[authorityStart..] : uri[authorityStart..authorityEnd];
                var at = authority.LastIndexOf('@');
                if (at >= 0)
                {
                    uri = uri[..authorityStart] + "…@" + uri[(authorityStart + at + 1)..];
                }
            }

            uri = hidden ? uri + "?…" : uri;
        }

        return uri.Length <= MaxLength ? uri : uri[..MaxLength] + "…";
    }
}
