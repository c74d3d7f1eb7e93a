using Hark.Graph.Contracts;

namespace Hark.Graph.Validation;

/// <summary>
/// A redirect or transfer target: Hark sends the caller to a number (through the trunk) or a <c>sip:</c> URI, given as
/// <c>identity.phone.id</c> and checked by the same rules as an outgoing call's (<see cref="DialTarget"/>).
/// </summary>
internal static class ForwardTarget
{
    /// <summary>The target's phone id, or null with the reason added to <paramref name="errors"/>.</summary>
    public static string? Check(List<FieldError> errors, string path, InvitationParticipantInfo? target)
    {
        if (target?.Identity is not { } identity)
        {
            errors.Add(new(path + ".identity", $"{path}.identity is required."));
            return null;
        }

        if (target.ReplacesCallId is not null)
        {
            errors.Add(new(path + ".replacesCallId", $"{path}.replacesCallId asks for a consultative transfer, which Hark does not offer; leave it out for a blind transfer."));
        }

        if (identity.Phone?.Id is not { Length: > 0 } phone)
        {
            errors.Add(new(
                path + ".identity.phone.id",
                $"{path}.identity.phone.id is required: Hark sends the caller to a phone number (through the SIP trunk) or a sip: URI, not to Teams users or applications."));
            return null;
        }

        if (DialTarget.Check(phone) is { } problem)
        {
            errors.Add(new(path + ".identity.phone.id", $"{path}.identity.phone.id {problem}; got \"{GraphRules.Clip(DialTarget.Printable(phone))}\"."));
            return null;
        }

        return phone;
    }
}
