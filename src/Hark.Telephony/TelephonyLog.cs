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

    [LoggerMessage(4004, LogLevel.Warning, "Admission: refusing new calls with 503 ({Reason}: {Live} of {MaxConcurrent} calls live, media {LagMs} ms behind (limit {MaxLagMs} ms), control work waiting {ControlLagMs} ms (limit {MaxControlLagMs} ms)); one line per run of refusals")]
    public static partial void RefusingCalls(ILogger logger, string reason, int live, int maxConcurrent, long lagMs, int maxLagMs, long controlLagMs, int maxControlLagMs);

    [LoggerMessage(4005, LogLevel.Information, "Admission: admitting calls again after {Refused} refused")]
    public static partial void AdmittingAgain(ILogger logger, int refused);

    [LoggerMessage(4006, LogLevel.Information, "Media threads run at nice {Nice}, ahead of the rest of the machine's work")]
    public static partial void MediaThreadsRaised(ILogger logger, int nice);

    [LoggerMessage(4007, LogLevel.Information, "Media threads could not be raised to nice {Nice} (errno {Errno}): they run at the process's priority, so a busy machine delays them and admission refuses calls sooner. Allow it with LimitNICE={Nice} (systemd) or CAP_SYS_NICE, or set Hark:Media:ThreadNice=0")]
    public static partial void MediaThreadsNotRaised(ILogger logger, int nice, int errno);

    [LoggerMessage(4008, LogLevel.Information, "Media threads receive RTP with recvmmsg, a system call per call per tick: io_uring is unavailable ({Reason}, errno {Errno}). Linux 6.1 or later and a seccomp profile that allows io_uring_setup enable it; Hark:Media:IoUring=false silences this line")]
    public static partial void MediaReceiveWithoutIoUring(ILogger logger, string reason, int errno);

    [LoggerMessage(4009, LogLevel.Information, "Media threads receive RTP through io_uring: a few system calls per thread per tick rather than one per call, {Buffers} buffers of {BufferSize} bytes per thread")]
    public static partial void MediaReceiveWithIoUring(ILogger logger, int buffers, int bufferSize);
}
