using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Hark.Graph.Outbound;

/// <summary>
/// Reads the deprecated <c>Hark:Prompts:BlockPrivateNetworks</c> when <c>Hark:Outbound:BlockPrivateNetworks</c> is not
/// set, and refuses <c>Hark:Prompts:AllowLinkLocal=true</c> at start: link-local and metadata addresses can no longer
/// be allowed, and silently ignoring the key would leave an operator believing they can.
/// </summary>
internal sealed class OutboundOptionsSetup(IConfiguration configuration) : IConfigureOptions<OutboundOptions>, IValidateOptions<OutboundOptions>
{
    public const string AllowLinkLocalKey = OutboundOptions.DeprecatedSectionName + ":AllowLinkLocal";

    public void Configure(OutboundOptions options)
    {
        var current = configuration.GetSection(OutboundOptions.SectionName)[nameof(OutboundOptions.BlockPrivateNetworks)];
        var deprecated = configuration.GetSection(OutboundOptions.DeprecatedSectionName)[nameof(OutboundOptions.BlockPrivateNetworks)];
        if (current is null && bool.TryParse(deprecated, out var block))
        {
            options.BlockPrivateNetworks = block;
        }
    }

    public ValidateOptionsResult Validate(string? name, OutboundOptions options) =>
        bool.TryParse(configuration[AllowLinkLocalKey], out var allow) && allow
            ? ValidateOptionsResult.Fail(
                $"{AllowLinkLocalKey}=true is no longer supported: link-local and cloud metadata addresses are always refused. Remove the key.")
            : ValidateOptionsResult.Success;
}
