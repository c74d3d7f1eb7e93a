using Hark.Graph.Contracts;

namespace Hark.Graph.Validation;

/// <summary>Rules for redirect: 1 to MaxRedirectTargets targets (Graph: 25), each a number or sip: URI; timeout 15–90 s as Graph's.</summary>
public static class RedirectRequestValidator
{
    /// <summary>Graph's bounds for <c>timeout</c>, in seconds.</summary>
    public const int MinTimeoutSeconds = 15;

    /// <inheritdoc cref="MinTimeoutSeconds"/>
    public const int MaxTimeoutSeconds = 90;

    public static IReadOnlyList<FieldError> Validate(RedirectRequest request, GraphLimitsOptions limits)
    {
        var errors = new List<FieldError>();
        if (request.Targets is not { Count: > 0 } targets)
        {
            errors.Add(new("targets", "targets is required: one or more invitationParticipantInfo, each with identity.phone.id."));
        }
        else if (targets.Count > limits.MaxRedirectTargets)
        {
            errors.Add(new("targets", $"targets has {targets.Count} entries; at most {limits.MaxRedirectTargets} are allowed (Hark:Graph:Limits:MaxRedirectTargets)."));
        }
        else
        {
            for (var i = 0; i < targets.Count; i++)
            {
                ForwardTarget.Check(errors, $"targets[{i}]", targets[i]);
            }
        }

        if (request.Timeout is { } timeout && timeout is < MinTimeoutSeconds or > MaxTimeoutSeconds)
        {
            errors.Add(new("timeout", $"timeout is {timeout}; it must be {MinTimeoutSeconds} to {MaxTimeoutSeconds} seconds."));
        }

        GraphRules.CallbackUri(errors, "callbackUri", request.CallbackUri, required: false, limits);
        return errors;
    }
}
