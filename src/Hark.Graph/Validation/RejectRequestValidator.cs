using Hark.Graph.Contracts;

namespace Hark.Graph.Validation;

/// <summary>Rules for reject; the reason's values are enforced while reading (none, busy, forbidden).</summary>
public static class RejectRequestValidator
{
    public static IReadOnlyList<FieldError> Validate(RejectRequest request, GraphLimitsOptions limits)
    {
        var errors = new List<FieldError>();
        GraphRules.CallbackUri(errors, "callbackUri", request.CallbackUri, required: false, limits);
        return errors;
    }
}
