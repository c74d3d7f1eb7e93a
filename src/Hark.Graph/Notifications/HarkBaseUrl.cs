using Hark.Graph.Auth;

namespace Hark.Graph.Notifications;

/// <summary>
/// Hark's own base URL where no request supplies one (the issuer of notification tokens): the configured
/// <c>Hark:PublicBaseUrl</c>, else what the host learns it listens on, else the default listen address.
/// </summary>
public sealed class HarkBaseUrl
{
    public const string Default = "http://127.0.0.1:5080";

    private volatile string? _fallback;

    public HarkBaseUrl(string? configured)
    {
        Configured = GraphTokenService.NormalizeIssuer(configured);
    }

    /// <summary>The configured public base URL without a trailing slash; null when none is configured.</summary>
    public string? Configured { get; }

    /// <summary>Set by the host once it knows its listening address; used when nothing is configured.</summary>
    public string? Fallback
    {
        get => _fallback;
        set => _fallback = GraphTokenService.NormalizeIssuer(value);
    }

    public string Current => Configured ?? _fallback ?? Default;
}
