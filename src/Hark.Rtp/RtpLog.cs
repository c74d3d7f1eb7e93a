using Microsoft.Extensions.Logging;

namespace Hark.Rtp;

/// <summary>RTP log messages; event ids 6xxx.</summary>
internal static partial class RtpLog
{
    [LoggerMessage(6000, LogLevel.Debug, "RTP on port {Port}: receiving, socket receive buffer {ReceiveBufferBytes} bytes")]
    public static partial void Started(ILogger logger, int port, int receiveBufferBytes);

    [LoggerMessage(6001, LogLevel.Information, "RTP on port {Port}: no media for {Seconds} s, the call ends")]
    public static partial void MediaTimeout(ILogger logger, int port, double seconds);

    [LoggerMessage(6002, LogLevel.Information, "RTP on port {Port} ended: {Accepted} packets played, {Late} late, {Duplicates} duplicate, {ConcealedFrames} frames concealed for packets that never arrived")]
    public static partial void Ended(ILogger logger, int port, long accepted, long late, long duplicates, long concealedFrames);
}
