namespace Hark.Rtp.Rtcp;

/// <summary>64-bit NTP timestamps (seconds since 1900 in the high word, fraction in the low word) for RTCP.</summary>
public static class NtpTimestamp
{
    private const long UnixEpochInNtpSeconds = 2_208_988_800;

    /// <summary>Converts a wall-clock time (from the caller's <see cref="TimeProvider"/>) to NTP format.</summary>
    public static ulong FromDateTimeOffset(DateTimeOffset time)
    {
        var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var remainder);
        var fraction = ((ulong)remainder << 32) / TimeSpan.TicksPerSecond;
        return ((ulong)(seconds + UnixEpochInNtpSeconds) << 32) | fraction;
    }

    /// <summary>The middle 32 bits, the compact form that LSR fields carry.</summary>
    public static uint Middle32(ulong ntpTimestamp) => (uint)(ntpTimestamp >> 16);

    /// <summary>A duration in the 1/65536 s units of DLSR, saturating at the field's maximum.</summary>
    public static uint ToShortUnits(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return 0;
        }

        if (duration >= TimeSpan.FromSeconds(65536))
        {
            return uint.MaxValue;
        }

        return (uint)((duration.Ticks << 16) / TimeSpan.TicksPerSecond);
    }
}
