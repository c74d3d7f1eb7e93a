using Hark.Graph.Contracts;

namespace Hark.Graph.Validation;

/// <summary>
/// Rules for answer. callbackUri may be left out: notifications then go to the application's
/// configured callback, as Graph does for a bot's registered webhook.
/// </summary>
public static class AnswerRequestValidator
{
    public static IReadOnlyList<FieldError> Validate(AnswerRequest request, GraphLimitsOptions limits)
    {
        var errors = new List<FieldError>();
        GraphRules.CallbackUri(errors, "callbackUri", request.CallbackUri, required: false, limits);
        GraphRules.MediaConfig(errors, request.MediaConfig, limits);
        GraphRules.Modalities(errors, "acceptedModalities", request.AcceptedModalities);
        if (request.ParticipantCapacity is < 1)
        {
            errors.Add(new("participantCapacity", $"participantCapacity must be at least 1; got {request.ParticipantCapacity}."));
        }

        return errors;
    }
}
