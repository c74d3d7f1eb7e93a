using Hark.Sip.Messages;

namespace Hark.Sip.Dialogs;

/// <summary>A dialog's identity (RFC 3261 §12): Call-ID, local tag and remote tag, as seen from Hark.</summary>
public readonly record struct SipDialogId(string CallId, string LocalTag, string RemoteTag)
{
    /// <summary>The dialog a received request belongs to: Hark's tag is in To, the peer's in From.</summary>
    public static SipDialogId ForReceivedRequest(SipMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new SipDialogId(request.CallId, request.To.Tag ?? string.Empty, request.From.Tag ?? string.Empty);
    }

    /// <summary>The dialog a received response belongs to: Hark's tag is in From, the peer's in To.</summary>
    public static SipDialogId ForReceivedResponse(SipMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new SipDialogId(response.CallId, response.From.Tag ?? string.Empty, response.To.Tag ?? string.Empty);
    }
}
