using System.Net;
using Hark.Graph.Contracts;

namespace Hark.Graph.Validation;

/// <summary>Field rules shared by several request bodies; each appends to the caller's error list.</summary>
internal static class GraphRules
{
    public static void CallbackUri(List<FieldError> errors, string path, string? value, bool required, GraphLimitsOptions limits)
    {
        if (value is null)
        {
            if (required)
            {
                errors.Add(new(path, $"{path} is required."));
            }

            return;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add(new(path, $"{path} must be an absolute https URI; got \"{Clip(value)}\"."));
            return;
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !limits.AllowHttpCallbackUris && !IsLoopback(uri))
        {
            errors.Add(new(path, $"{path} must use https (plain http is allowed only to a loopback host unless the operator enables it); got \"{Clip(value)}\"."));
        }
    }

    public static void ClientContext(List<FieldError> errors, string? value, GraphLimitsOptions limits)
    {
        if (value is not null && value.Length > limits.MaxClientContextLength)
        {
            errors.Add(new("clientContext", $"clientContext must be at most {limits.MaxClientContextLength} characters; got {value.Length}."));
        }
    }

    public static void Seconds(List<FieldError> errors, string path, int? value, int max)
    {
        if (value is { } seconds && (seconds < 1 || seconds > max))
        {
            errors.Add(new(path, $"{path} must be between 1 and {max} seconds; got {seconds}."));
        }
    }

    public static void Prompts(List<FieldError> errors, IReadOnlyList<MediaPrompt?>? prompts, bool required, int max, GraphLimitsOptions limits)
    {
        if (prompts is null || prompts.Count == 0)
        {
            if (required)
            {
                errors.Add(new("prompts", "prompts is required and must hold at least one mediaPrompt."));
            }

            return;
        }

        if (prompts.Count > max)
        {
            errors.Add(new("prompts", $"prompts may hold at most {max} prompt{(max == 1 ? "" : "s")}; got {prompts.Count}."));
        }

        for (var i = 0; i < prompts.Count; i++)
        {
            var path = $"prompts[{i}]";
            var prompt = prompts[i];
            if (prompt is null)
            {
                errors.Add(new(path, $"{path} must be a mediaPrompt object, not null."));
                continue;
            }

            if (prompt.OdataType is not null && !ODataTypes.Matches(prompt.OdataType, ODataTypes.MediaPrompt))
            {
                errors.Add(new(path + ".@odata.type", $"{path}.@odata.type must be {ODataTypes.MediaPrompt}; got \"{Clip(prompt.OdataType)}\"."));
            }

            if (prompt.Loop is { } loop && (loop < 1 || loop > limits.MaxPromptLoop))
            {
                errors.Add(new(path + ".loop", $"{path}.loop must be between 1 and {limits.MaxPromptLoop}; got {loop}."));
            }

            MediaInfo(errors, path + ".mediaInfo", prompt.MediaInfo, allowData: true);
        }
    }

    public static void MediaInfo(List<FieldError> errors, string path, MediaInfo? info, bool allowData)
    {
        if (info is null)
        {
            errors.Add(new(path, $"{path} is required."));
            return;
        }

        var uriPath = path + ".uri";
        if (string.IsNullOrEmpty(info.Uri))
        {
            errors.Add(new(uriPath, $"{uriPath} is required."));
            return;
        }

        var ok = Uri.TryCreate(info.Uri, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp || (allowData && uri.Scheme == "data"));
        if (!ok)
        {
            var kinds = allowData ? "an absolute http, https or data URI" : "an absolute http or https URI";
            errors.Add(new(uriPath, $"{uriPath} must be {kinds}; got \"{Clip(info.Uri)}\"."));
        }
    }

    public static void MediaConfig(List<FieldError> errors, MediaConfig? config, GraphLimitsOptions limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (config is null)
        {
            errors.Add(new("mediaConfig", "mediaConfig is required (a serviceHostedMediaConfig)."));
            return;
        }

        if (config.IsAppHosted)
        {
            // App-hosted media needs Microsoft's real-time media platform inside the bot; Hark hosts the media itself.
            errors.Add(new("mediaConfig", "mediaConfig must be a serviceHostedMediaConfig; Hark does not support appHostedMediaConfig."));
            return;
        }

        if (config.OdataType is not null && !ODataTypes.Matches(config.OdataType, ODataTypes.ServiceHostedMediaConfig))
        {
            errors.Add(new("mediaConfig.@odata.type", $"mediaConfig.@odata.type must be {ODataTypes.ServiceHostedMediaConfig}; got \"{Clip(config.OdataType)}\"."));
        }

        if (config.PreFetchMedia is { Count: var count } && count > limits.MaxPreFetchMedia)
        {
            // Each entry is a fetch and cache entry: one answer must not start an unbounded number of them.
            errors.Add(new("mediaConfig.preFetchMedia", $"mediaConfig.preFetchMedia has {count} entries; at most {limits.MaxPreFetchMedia} are allowed."));
            return;
        }

        if (config.PreFetchMedia is { } media)
        {
            for (var i = 0; i < media.Count; i++)
            {
                MediaInfo(errors, $"mediaConfig.preFetchMedia[{i}]", media[i], allowData: false);
            }
        }
    }

    /// <summary>Audio must be among the modalities; others are accepted and carry nothing (Hark is audio-only).</summary>
    public static void Modalities(List<FieldError> errors, string path, IReadOnlyList<Modality>? modalities)
    {
        if (modalities is null || modalities.Count == 0)
        {
            errors.Add(new(path, $"{path} is required and must contain \"audio\"."));
        }
        else if (!modalities.Contains(Modality.Audio))
        {
            errors.Add(new(path, $"{path} must contain \"audio\"."));
        }
    }

    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));

    /// <summary>Keeps echoed values short so a huge bad value does not become a huge error.</summary>
    public static string Clip(string value) => value.Length <= 80 ? value : string.Concat(value.AsSpan(0, 77), "...");
}
