using System.ComponentModel.DataAnnotations;

namespace Hark.Samples.Voicemail;

/// <summary>Settings, bound from the "VoicemailBot" configuration section (command line, env, appsettings.json).</summary>
public sealed class VoicemailBotOptions
{
    public const string Section = "VoicemailBot";

    /// <summary>Base of the token endpoint and, by default, of Graph and of the notification issuer (Hark's URL).</summary>
    [Required]
    public Uri Authority { get; set; } = new("http://127.0.0.1:5080");

    public string Tenant { get; set; } = "common";

    [Required]
    public string ClientId { get; set; } = string.Empty;

    [Required]
    public string ClientSecret { get; set; } = string.Empty;

    /// <summary>Graph base URL; default {Authority}/v1.0 (https://graph.microsoft.com/v1.0 against Microsoft).</summary>
    public Uri? GraphBaseUrl { get; set; }

    /// <summary>Where the OpenID configuration with the notification signing keys is; default {Authority}/.well-known/openid-configuration.</summary>
    public Uri? OpenIdConfigurationUrl { get; set; }

    /// <summary>Expected iss of notification tokens; default the Authority.</summary>
    public string? NotificationIssuer { get; set; }

    /// <summary>Local address the bot listens on; port 0 picks a free one.</summary>
    [Required]
    public Uri ListenUrl { get; set; } = new("http://127.0.0.1:5090");

    /// <summary>Callback URL given in answer; default {ListenUrl}/callback (as actually bound).</summary>
    public Uri? CallbackUri { get; set; }

    /// <summary>The question played before the beep; default a chime the bot serves itself at {ListenUrl}/prompt.wav.</summary>
    public Uri? PromptUri { get; set; }

    [Required]
    public string OutputDirectory { get; set; } = "voicemails";

    [Range(1, 120)]
    public int MaxRecordDurationInSeconds { get; set; } = 60;

    [Range(1, 120)]
    public int MaxSilenceTimeoutInSeconds { get; set; } = 3;

    [Range(1, 120)]
    public int InitialSilenceTimeoutInSeconds { get; set; } = 5;
}
