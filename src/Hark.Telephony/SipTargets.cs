using System.Globalization;
using Hark.Sip.Messages;

namespace Hark.Telephony;

/// <summary>
/// Where a bot's redirect and transfer targets go in SIP: a <c>sip:</c> URI as it is; a number through the trunk
/// (<c>sip:number@trunk-host:port</c>), or, without a trunk, as a <c>tel:</c> URI (RFC 3966) for the far end's network
/// to route. The Graph layer has checked every target against its dial rules already.
/// </summary>
internal sealed class SipTargets(SipOptions options)
{
    /// <summary>How long a transfer may take before it fails.</summary>
    public TimeSpan TransferTimeout { get; } = TimeSpan.FromSeconds(options.TransferTimeoutSeconds);

    /// <summary>The URI for <paramref name="target"/>.</summary>
    public string Uri(string target)
    {
        if (target.StartsWith("sip:", StringComparison.OrdinalIgnoreCase))
        {
            return target;
        }

        return options.Trunk.Uri is { } trunk && SipUri.TryParse(trunk.ToString(), out var parsed)
            ? $"sip:{target}@{parsed.Host}" + (parsed.Port is { } port ? ":" + port.ToString(CultureInfo.InvariantCulture) : "")
            : "tel:" + target;
    }
}
