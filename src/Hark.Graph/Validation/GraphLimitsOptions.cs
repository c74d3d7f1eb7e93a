using System.ComponentModel.DataAnnotations;

namespace Hark.Graph.Validation;

/// <summary>
/// Request limits. Defaults are Graph's; each minimum is Graph's value, so an operator can only
/// loosen them and a body Graph accepts is never refused by Hark.
/// </summary>
public sealed class GraphLimitsOptions
{
    public const string SectionName = "Hark:Graph:Limits";

    /// <summary>Largest <c>initialSilenceTimeoutInSeconds</c> (Graph: 120).</summary>
    [Range(120, 3600)]
    public int MaxInitialSilenceTimeoutInSeconds { get; set; } = 120;

    /// <summary>Largest <c>maxSilenceTimeoutInSeconds</c> (Graph: 120).</summary>
    [Range(120, 3600)]
    public int MaxSilenceTimeoutInSeconds { get; set; } = 120;

    /// <summary>Largest <c>maxRecordDurationInSeconds</c> (Graph: 120).</summary>
    [Range(120, 14400)]
    public int MaxRecordDurationInSeconds { get; set; } = 120;

    /// <summary>Most prompts on one recordResponse (Graph: 1).</summary>
    [Range(1, 100)]
    public int MaxPromptsRecord { get; set; } = 1;

    /// <summary>Most prompts on one playPrompt (Graph: 20).</summary>
    [Range(20, 1000)]
    public int MaxPromptsPlay { get; set; } = 20;

    /// <summary>Longest <c>clientContext</c> in characters (Graph: 256).</summary>
    [Range(256, 65536)]
    public int MaxClientContextLength { get; set; } = 256;

    /// <summary>Largest beta <c>loop</c> count on a prompt (Graph documents none; Hark's choice).</summary>
    [Range(1, 10000)]
    public int MaxPromptLoop { get; set; } = 100;

    /// <summary>Most tones on one sendDtmfTones (Graph documents none; Hark's choice).</summary>
    [Range(1, 10000)]
    public int MaxDtmfTones { get; set; } = 64;

    /// <summary>Largest <c>delayBetweenTonesMs</c> (Graph documents none; Hark's choice).</summary>
    [Range(1000, 600000)]
    public int MaxDelayBetweenTonesMs { get; set; } = 10000;

    /// <summary>Most targets on one redirect (Graph: 25, rung at once); each becomes one Contact of the SIP 302.</summary>
    [Range(25, 100)]
    public int MaxRedirectTargets { get; set; } = 25;

    /// <summary>
    /// Media operations (playPrompt, recordResponse/record, sendDtmfTones) running or queued on one call; one more is
    /// refused with 429 until some finish (Graph documents none; Hark's choice).
    /// </summary>
    [Range(1, 10000)]
    public int MaxQueuedOperationsPerCall { get; set; } = 32;

    /// <summary>Most <c>mediaConfig.preFetchMedia</c> entries on one answer or create (Graph documents none; Hark's choice).</summary>
    [Range(1, 10000)]
    public int MaxPreFetchMedia { get; set; } = 32;

    /// <summary>
    /// Accept plain-http callback URIs on any host. Graph demands https; Hark always allows http to a
    /// loopback host (a bot on the same machine) and allows it elsewhere only when this is set.
    /// </summary>
    public bool AllowHttpCallbackUris { get; set; }
}
