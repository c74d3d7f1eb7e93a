namespace Hark.SipLoadBot;

/// <summary>Wall-clock seconds since the Unix epoch (CLOCK_REALTIME): the clock tcpdump stamps packets with.</summary>
internal static class UnixTime
{
    public static double Now() => (TimeProvider.System.GetUtcNow() - DateTimeOffset.UnixEpoch).TotalSeconds;
}
