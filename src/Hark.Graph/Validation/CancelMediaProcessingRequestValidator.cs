using Hark.Graph.Contracts;

namespace Hark.Graph.Validation;

/// <summary>Rules for cancelMediaProcessing.</summary>
public static class CancelMediaProcessingRequestValidator
{
    public static IReadOnlyList<FieldError> Validate(CancelMediaProcessingRequest request, GraphLimitsOptions limits)
    {
        var errors = new List<FieldError>();
        GraphRules.ClientContext(errors, request.ClientContext, limits);
        return errors;
    }
}
