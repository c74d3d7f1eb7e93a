using System.Net;
using Hark.Sip.Messages;

namespace Hark.Sip.Transport;

/// <summary>The receive path both transports share: parse, stamp the Via, or build the error answer.</summary>
internal static class SipInbound
{
    /// <summary>
    /// The message ready for the sink, or null; in that case <paramref name="reply"/> holds the 400/505/513 for an
    /// unparsable request whose Via, From, To, Call-ID and CSeq were readable (§8.2.6), else null (garbage is dropped);
    /// <paramref name="error"/> then says what was wrong.
    /// </summary>
    public static SipMessage? Read(ReadOnlySpan<byte> data, SipFraming framing, IPEndPoint source, out SipErrorReply? reply, out SipParseError? error)
    {
        reply = null;
        if (!SipMessage.TryParse(data, framing, out var message, out error))
        {
            reply = CreateReply(error, source);
            return null;
        }

        if (message.IsResponse)
        {
            return message;
        }

        try
        {
            return SipViaStamping.Stamp(message, source);
        }
        catch (SipParseException)
        {
            // Rebuilding is stricter than parsing in a few corners; the unstamped request still gets answered.
            return message;
        }
    }

    private static SipErrorReply? CreateReply(SipParseError error, IPEndPoint source)
    {
        // §8.2.6.2: a UAS's response carries a To tag, even one to a request it could not parse.
        if (SipResponses.CreateFrom(error, toTag: SipIdentifiers.NewTag()) is not { } response)
        {
            return null;
        }

        foreach (var header in error.Headers)
        {
            if (header.Name == SipHeaderNames.Via)
            {
                var values = SipSyntax.SplitList(header.Value);
                if (values.Count > 0 && SipVia.TryParse(values[0], out var via))
                {
                    // RFC 3581 §4: the answer's top Via shows received and the filled rport, as any response does.
                    var stamped = SipViaStamping.Stamp(via, source);
                    var answer = SipMessage.CreateUnchecked(response.StatusCode, response.ReasonPhrase, SipViaStamping.WithTopVia(response.Headers, stamped));
                    return new SipErrorReply(SipMessageWriter.ToArray(answer), stamped);
                }

                break;
            }
        }

        return null;
    }
}
