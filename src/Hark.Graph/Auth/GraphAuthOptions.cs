using System.ComponentModel.DataAnnotations;

namespace Hark.Graph.Auth;

/// <summary>Token settings, bound from <c>Hark:Auth</c> (plus <c>Hark:PublicBaseUrl</c>).</summary>
public sealed class GraphAuthOptions
{
    public const string SectionName = "Hark:Auth";

    /// <summary>The <c>tid</c> claim: Hark is one tenant. Any tenant segment in the token URL is accepted.</summary>
    [Required]
    public string TenantId { get; set; } = "4d8a7e52-1c3b-4f6e-9a0d-7b2c5e8f1a36";

    /// <summary>Token issuer and base of the discovery URLs; null: the request's scheme, host and path base.</summary>
    public string? PublicBaseUrl { get; set; }

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan NotificationTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan RecordingTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Allowed difference between Hark's clock and the token's exp/nbf.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(1);
}
