using Hark.Sip.Messages;

namespace Hark.Sip.Transport;

/// <summary>An encoded answer to an unparsable request, and its top Via (stamped) to route it by.</summary>
internal sealed record SipErrorReply(byte[] Bytes, SipVia Via);
