using Hark.Sip.Messages;

namespace Hark.Sip.Transport;

/// <summary>What the manager answers when the TU leaves a request alone.</summary>
internal static class SipDefaultResponses
{
    public const string Allow = "INVITE, ACK, CANCEL, BYE, OPTIONS";

    /// <summary>OPTIONS gets 200 with Allow (RFC 3261 §11.2); every other method 501 (§8.2.1).</summary>
    public static SipMessage For(SipMessage request) => request.Method == SipMethods.Options
        ? SipResponses.CreateFrom(request, 200, toTag: SipIdentifiers.NewTag(), extraHeaders:
            [new SipHeader(SipHeaderNames.Allow, Allow), new SipHeader(SipHeaderNames.Accept, "application/sdp")])
        : SipResponses.CreateFrom(request, 501, toTag: SipIdentifiers.NewTag(), extraHeaders: [new SipHeader(SipHeaderNames.Allow, Allow)]);
}
