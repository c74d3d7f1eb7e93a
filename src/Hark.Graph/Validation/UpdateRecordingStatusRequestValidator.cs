using Hark.Graph.Contracts;

namespace Hark.Graph.Validation;

/// <summary>Rules for updateRecordingStatus: <c>status</c> is required and one of Graph's three settable values.</summary>
public static class UpdateRecordingStatusRequestValidator
{
    public static IReadOnlyList<FieldError> Validate(UpdateRecordingStatusRequest request, GraphLimitsOptions limits)
    {
        var errors = new List<FieldError>();
        if (request.Status is not (RecordingStatus.NotRecording or RecordingStatus.Recording or RecordingStatus.Failed))
        {
            errors.Add(new("status", "status is required and must be one of notRecording, recording, failed."));
        }

        GraphRules.ClientContext(errors, request.ClientContext, limits);
        return errors;
    }
}
