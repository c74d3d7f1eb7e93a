namespace Hark.Graph.Outbound;

/// <summary>
/// The one address policy for every URL a bot hands Hark to connect to (prompt fetches, webhook callbacks), bound
/// from <c>Hark:Outbound</c>. Link-local and cloud metadata addresses are always refused; there is no setting for them.
/// </summary>
public sealed class OutboundOptions
{
    public const string SectionName = "Hark:Outbound";

    /// <summary>The section whose <c>BlockPrivateNetworks</c> key is still read when <c>Hark:Outbound</c> does not set it.</summary>
    public const string DeprecatedSectionName = "Hark:Prompts";

    /// <summary>
    /// Also refuses loopback and private networks (127/8, 10/8, 172.16/12, 192.168/16, 100.64/10, ::1, fc00::/7).
    /// Off by default: self-hosted bots usually sit on the same private network as Hark.
    /// </summary>
    public bool BlockPrivateNetworks { get; set; }
}
