using Hark.Graph.Contracts;

namespace Hark.Graph.Validation;

/// <summary>Rules for transfer: a transferTarget with a number or sip: URI (blind transfer only); transferee, if given, needs an identity.</summary>
public static class TransferRequestValidator
{
    public static IReadOnlyList<FieldError> Validate(TransferRequest request, GraphLimitsOptions limits)
    {
        var errors = new List<FieldError>();
        if (request.TransferTarget is null)
        {
            errors.Add(new("transferTarget", "transferTarget is required: an invitationParticipantInfo with identity.phone.id."));
        }
        else
        {
            ForwardTarget.Check(errors, "transferTarget", request.TransferTarget);
        }

        if (request.Transferee is { Identity: null })
        {
            errors.Add(new("transferee.identity", "transferee.identity is required when transferee is given."));
        }

        GraphRules.ClientContext(errors, request.ClientContext, limits);
        return errors;
    }
}
