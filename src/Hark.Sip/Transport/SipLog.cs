using System.Net;
using Microsoft.Extensions.Logging;

namespace Hark.Sip.Transport;

/// <summary>
/// Hark.Sip's log events (ids 41xx). Per-message trouble is Debug; what points at an attack or a broken peer
/// is Warning, at most once a minute per source and kind (see <see cref="SipWarningThrottle"/>), with the
/// number held back since.
/// </summary>
internal static partial class SipLog
{
    [LoggerMessage(4100, LogLevel.Debug, "SIP {Transport}: unparsable message from {Source}: {Error}")]
    public static partial void Malformed(ILogger logger, string transport, IPEndPoint source, string error);

    [LoggerMessage(4101, LogLevel.Warning, "SIP: malformed messages from {Address} ({Suppressed} more since the last warning)")]
    public static partial void MalformedFrom(ILogger logger, IPAddress address, int suppressed);

    [LoggerMessage(4102, LogLevel.Warning, "SIP: requests from {Address} exceed {PerSecond}/s; dropping them ({Suppressed} more dropped since the last warning)")]
    public static partial void RateLimited(ILogger logger, IPAddress address, int perSecond, int suppressed);

    [LoggerMessage(4103, LogLevel.Warning, "SIP: {Count} server transactions are alive, the limit; new requests get 503 (from {Address}; {Suppressed} more since the last warning)")]
    public static partial void TransactionsFull(ILogger logger, int count, IPAddress address, int suppressed);

    [LoggerMessage(4104, LogLevel.Warning, "SIP TCP: refused a connection from {Address}: {Reason} ({Suppressed} more since the last warning)")]
    public static partial void ConnectionRefused(ILogger logger, IPAddress address, string reason, int suppressed);

    [LoggerMessage(4105, LogLevel.Error, "SIP TCP: accepting failed ({Error}); pausing {PauseMilliseconds} ms ({Suppressed} more since the last report)")]
    public static partial void AcceptFailed(ILogger logger, string error, int pauseMilliseconds, int suppressed);

    [LoggerMessage(4106, LogLevel.Debug, "SIP TCP: closing idle connection to {Remote}")]
    public static partial void IdleClosed(ILogger logger, IPEndPoint remote);

    [LoggerMessage(4107, LogLevel.Warning, "SIP TCP: closed a connection from {Address} that sent no complete message within {Seconds} s ({Suppressed} more since the last warning)")]
    public static partial void MessageTimeout(ILogger logger, IPAddress address, int seconds, int suppressed);

    [LoggerMessage(4108, LogLevel.Debug, "SIP TCP: unframeable data from {Remote}, closing")]
    public static partial void Unframeable(ILogger logger, IPEndPoint remote);

    [LoggerMessage(4109, LogLevel.Debug, "SIP: send failed: {Error}")]
    public static partial void SendFailed(ILogger logger, string error);

    [LoggerMessage(4110, LogLevel.Error, "SIP {Where}: a handler failed on a message from {Address} ({Suppressed} more since the last report)")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string where, IPAddress address, int suppressed);

    [LoggerMessage(4111, LogLevel.Debug, "SIP: no ACK for the final response to {Request} from {Source}")]
    public static partial void NoAck(ILogger logger, string request, IPEndPoint source);

    [LoggerMessage(4112, LogLevel.Debug, "SIP: transport error answering {Request} from {Source}")]
    public static partial void AnswerFailed(ILogger logger, string request, IPEndPoint source);

    [LoggerMessage(4113, LogLevel.Debug, "SIP: merged request {Request} from {Source} answered 482")]
    public static partial void Merged(ILogger logger, string request, IPEndPoint source);

    [LoggerMessage(4114, LogLevel.Warning, "SIP TCP: refused a connection from {Address}: {InUse} of {Limit} descriptors in use, {Kept} kept free for calls and the runtime ({Suppressed} more refused since the last warning)")]
    public static partial void DescriptorsShort(ILogger logger, IPAddress address, long inUse, long limit, long kept, int suppressed);
}
