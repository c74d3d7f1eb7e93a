using Hark.Graph.Contracts;

namespace Hark.Graph.Validation;

/// <summary>Rules for sendDtmfTones: 1 to MaxDtmfTones keypad tones (flash has no tone pair), a delay of 0 to MaxDelayBetweenTonesMs.</summary>
public static class SendDtmfTonesRequestValidator
{
    public static IReadOnlyList<FieldError> Validate(SendDtmfTonesRequest request, GraphLimitsOptions limits)
    {
        var errors = new List<FieldError>();
        if (request.Tones is not { Count: > 0 } tones)
        {
            errors.Add(new("tones", "tones is required: one or more of tone0 … tone9, star, pound, a … d."));
        }
        else if (tones.Count > limits.MaxDtmfTones)
        {
            errors.Add(new("tones", $"tones has {tones.Count} entries; at most {limits.MaxDtmfTones} are allowed (Hark:Graph:Limits:MaxDtmfTones)."));
        }
        else
        {
            for (var i = 0; i < tones.Count; i++)
            {
                if (tones[i] is null or Tone.Flash)
                {
                    errors.Add(new($"tones[{i}]", $"tones[{i}] is {(tones[i] is null ? "null" : "flash")}; Hark sends tone0 … tone9, star, pound, a … d."));
                }
            }
        }

        if (request.DelayBetweenTonesMs is { } delay && (delay < 0 || delay > limits.MaxDelayBetweenTonesMs))
        {
            errors.Add(new(
                "delayBetweenTonesMs",
                $"delayBetweenTonesMs is {delay}; it must be 0 to {limits.MaxDelayBetweenTonesMs} (Hark:Graph:Limits:MaxDelayBetweenTonesMs)."));
        }

        GraphRules.ClientContext(errors, request.ClientContext, limits);
        return errors;
    }
}
