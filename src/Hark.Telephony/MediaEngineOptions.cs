using System.ComponentModel.DataAnnotations;

namespace Hark.Telephony;

/// <summary>The media engine's limits, bound from <c>Hark:Media</c>.</summary>
public sealed class MediaEngineOptions
{
    public const string SectionName = "Hark:Media";

    /// <summary>
    /// How far the media clock may run behind real time (<see cref="MediaPacer.Lag"/>) before new calls are refused
    /// with 503: a machine that cannot keep up takes no more work, and the calls it carries lose nothing.
    /// </summary>
    [Range(20, 60_000)]
    public int MaxLagMilliseconds { get; set; } = 300;

    /// <summary>
    /// Dedicated media threads, each owning a shard of the calls and ticking it every 20 ms on its own clock; 0 (the
    /// default) means one per processor. More threads than cores only adds context switches.
    /// </summary>
    [Range(0, 256)]
    public int Threads { get; set; }

    /// <summary>
    /// The nice value the media threads ask for (Linux; -20 to 19, lower runs first; 0 leaves them as the process):
    /// -10 by default, so that a burst of call set-up, webhooks or a neighbour's work on the machine does not delay
    /// the media clock. Needs CAP_SYS_NICE or RLIMIT_NICE (LimitNICE=-10 in deploy/hark.service); without it they run
    /// at the process's priority, and a start-up line (event 4007) says so.
    /// </summary>
    [Range(-20, 19)]
    public int ThreadNice { get; set; } = -10;

    /// <summary>
    /// Whether the media threads receive RTP through io_uring (Linux 6.1 or later, 64-bit): each thread arms a
    /// multishot receive per call and collects every call's packets with one system call per tick, instead of a
    /// recvmmsg per call per tick. True by default, used where the kernel allows it; where it does not (an older
    /// kernel, a seccomp profile such as Docker's default that refuses io_uring_setup) the threads read as before,
    /// and a start-up line (event 4008) says so. False always reads with recvmmsg.
    /// </summary>
    public bool IoUring { get; set; } = true;

    /// <summary>The thread count in force: <see cref="Threads"/>, or the processor count when it is 0.</summary>
    public int EffectiveThreads => Threads > 0 ? Threads : Environment.ProcessorCount;
}
