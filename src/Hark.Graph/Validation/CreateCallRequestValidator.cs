using Hark.Graph.Contracts;

namespace Hark.Graph.Validation;

/// <summary>
/// Rules for creating a call. Hark places peer-to-peer calls only, so exactly one target is taken;
/// the target needs some identity with an id (a phone number, or an application/user Hark can route).
/// </summary>
public static class CreateCallRequestValidator
{
    public static IReadOnlyList<FieldError> Validate(CreateCallRequest request, GraphLimitsOptions limits)
    {
        var errors = new List<FieldError>();
        GraphRules.CallbackUri(errors, "callbackUri", request.CallbackUri, required: true, limits);
        GraphRules.Modalities(errors, "requestedModalities", request.RequestedModalities);
        GraphRules.MediaConfig(errors, request.MediaConfig, limits);

        if (request.Targets is not { Count: > 0 } targets)
        {
            errors.Add(new("targets", "targets is required and must hold one invitationParticipantInfo."));
        }
        else if (targets.Count > 1)
        {
            errors.Add(new("targets", $"targets must hold exactly one participant (Hark places peer-to-peer calls only); got {targets.Count}."));
        }
        else
        {
            Target(errors, "targets[0]", targets[0]);
        }

        if (request.Source is { Identity: null })
        {
            errors.Add(new("source.identity", "source.identity is required when source is given."));
        }

        return errors;
    }

    private static void Target(List<FieldError> errors, string path, InvitationParticipantInfo? target)
    {
        if (target?.Identity is not { } identity)
        {
            errors.Add(new(path + ".identity", $"{path}.identity is required."));
            return;
        }

        Identity?[] candidates = [identity.Phone, identity.User, identity.Application, identity.ApplicationInstance, identity.Device, identity.Guest];
        if (!Array.Exists(candidates, c => !string.IsNullOrWhiteSpace(c?.Id)))
        {
            errors.Add(new(path + ".identity", $"{path}.identity must name someone to call, e.g. phone.id with a number."));
        }

        if (identity.Phone?.Id is { } phone && DialTarget.Check(phone) is { } problem)
        {
            errors.Add(new(path + ".identity.phone.id", $"{path}.identity.phone.id {problem}; got \"{GraphRules.Clip(DialTarget.Printable(phone))}\"."));
        }
    }
}
