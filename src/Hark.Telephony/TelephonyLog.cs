using Microsoft.Extensions.Logging;

namespace Hark.Telephony;

/// <summary>Telephony log messages; event ids 4xxx.</summary>
internal static partial class TelephonyLog
{
    [LoggerMessage(4000, LogLevel.Information, "SIP listening on {Address}:{Port} (UDP and TCP)")]
    public static partial void Listening(ILogger logger, string address, int port);

    [LoggerMessage(4001, LogLevel.Debug, "SIP: {Message}")]
    public static partial void Sip(ILogger logger, string message);

    [LoggerMessage(4002, LogLevel.Error, "A call's media tick failed; the media clock goes on")]
    public static partial void TickFailed(ILogger logger, Exception exception);

}
