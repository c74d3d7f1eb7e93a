using Microsoft.Extensions.Options;

namespace Hark.Telephony.Tests;

/// <summary>Hark:Media:ThreadNice reaches the media threads (Linux: each thread's own nice, read back from /proc).</summary>
public sealed class MediaThreadPriorityTests
{
    [Fact]
    public async Task Start_ThreadNiceSeven_EveryMediaThreadRunsAtNiceSeven_AndTheStartSaysSoOnce()
    {
        Assert.True(OperatingSystem.IsLinux(), "Hark's media threads are Linux threads; this reads their nice from /proc.");
        var logger = new ListLogger<MediaPacer>();

        // Raising the nice value (running later) needs no privilege, so this holds for any user.
        using var pacer = new MediaPacer(TimeProvider.System, logger, Options.Create(new MediaEngineOptions { Threads = 2, ThreadNice = 7 }));
        await pacer.StartAsync(CancellationToken.None);
        for (var i = 0; i < 500 && MediaThreadNices().Count(n => n == 7) < 2; i++)
        {
            await Task.Delay(10);
        }

        for (var i = 0; i < 500 && !logger.Entries.Any(e => e.Id.Id == 4006); i++)
        {
            await Task.Delay(10);
        }

        // Other tests' engines run alongside at their own nice (-10 by default): this engine's two threads are the 7s.
        Assert.Equal(2, MediaThreadNices().Count(n => n == 7));
        Assert.Single(logger.Entries, e => e.Id.Id == 4006);
        Assert.DoesNotContain(logger.Entries, e => e.Id.Id == 4007);
        await pacer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void TrySet_Zero_LeavesTheThreadAlone()
    {
        Assert.Equal(0, MediaThreadPriority.TrySet(0));
    }

    // Field 19 of /proc/self/task/TID/stat is the nice value; the thread's name (comm) is field 2, in parentheses.
    private static List<int> MediaThreadNices()
    {
        var nices = new List<int>();
        foreach (var task in Directory.GetDirectories("/proc/self/task"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var open = stat.IndexOf('(', StringComparison.Ordinal);
                var close = stat.LastIndexOf(')');
                if (stat[(open + 1)..close].StartsWith("hark-media-", StringComparison.Ordinal))
                {
                    nices.Add(int.Parse(stat[(close + 2)..].Split(' ')[16], System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            catch (IOException)
            {
                // The thread ended while being read.
            }
        }

        return nices;
    }
}
