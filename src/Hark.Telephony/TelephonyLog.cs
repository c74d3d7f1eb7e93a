using Microsoft.Extensions.Logging;

namespace Hark.Telephony;

/// <summary>Telephony log messages; event ids 4xxx.</summary>
internal static partial class TelephonyLog
{
    [LoggerMessage(4000, LogLevel.Information, "SIP listening on {Address}:{Port} (UDP and TCP)")]
    public static partial void Listening(ILogger logger, string address, int port);

    [LoggerMessage(4002, LogLevel.Debug, "SIP: {Request} from {Source} collides with a live call ({Reason}); answered {Status}")]
    public static partial void Collision(ILogger logger, string request, System.Net.IPEndPoint source, string reason, int status);

    [LoggerMessage(4003, LogLevel.Error, "A call's media tick failed; the media clock goes on")]
    public static partial void TickFailed(ILogger logger, Exception exception);
}
