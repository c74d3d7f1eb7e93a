using Hark.Graph.Contracts;

namespace Hark.Graph.Validation;

/// <summary>Rules for subscribeToTone.</summary>
public static class SubscribeToToneRequestValidator
{
    public static IReadOnlyList<FieldError> Validate(SubscribeToToneRequest request, GraphLimitsOptions limits)
    {
        var errors = new List<FieldError>();
        GraphRules.ClientContext(errors, request.ClientContext, limits);
        return errors;
    }
}
