using Hark.Graph.Contracts;

namespace Hark.Graph.Validation;

/// <summary>Rules for recordResponse and the legacy beta record action.</summary>
public static class RecordResponseRequestValidator
{
    public static IReadOnlyList<FieldError> Validate(RecordResponseRequest request, GraphLimitsOptions limits)
    {
        var errors = new List<FieldError>();
        GraphRules.Prompts(errors, request.Prompts, required: false, limits.MaxPromptsRecord, limits);
        GraphRules.Seconds(errors, "initialSilenceTimeoutInSeconds", request.InitialSilenceTimeoutInSeconds, limits.MaxInitialSilenceTimeoutInSeconds);
        GraphRules.Seconds(errors, "maxSilenceTimeoutInSeconds", request.MaxSilenceTimeoutInSeconds, limits.MaxSilenceTimeoutInSeconds);
        GraphRules.Seconds(errors, "maxRecordDurationInSeconds", request.MaxRecordDurationInSeconds, limits.MaxRecordDurationInSeconds);
        GraphRules.ClientContext(errors, request.ClientContext, limits);

        if (request.StopTones is { } tones)
        {
            for (var i = 0; i < tones.Count; i++)
            {
                if (!StopTone.TryParse(tones[i], out _))
                {
                    var shown = tones[i] is null ? "null" : $"\"{GraphRules.Clip(tones[i]!)}\"";
                    errors.Add(new($"stopTones[{i}]", $"stopTones[{i}] is {shown}, which is not a DTMF tone; use one of {StopTone.Allowed}."));
                }
            }
        }

        // Recordings are always WAV; refusing other formats beats silently serving something else.
        if (request.RecordingFormat is { } format && !format.Equals("wav", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new("recordingFormat", $"recordingFormat must be \"wav\"; got \"{GraphRules.Clip(format)}\"."));
        }

        return errors;
    }
}
