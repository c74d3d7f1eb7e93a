using Hark.Graph.Contracts;

namespace Hark.Graph.Validation;

/// <summary>Rules for mute and unmute.</summary>
public static class MuteRequestValidator
{
    public static IReadOnlyList<FieldError> Validate(MuteRequest request, GraphLimitsOptions limits)
    {
        var errors = new List<FieldError>();
        GraphRules.ClientContext(errors, request.ClientContext, limits);
        return errors;
    }
}
