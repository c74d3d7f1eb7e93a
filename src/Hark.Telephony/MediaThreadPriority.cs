using System.Runtime.InteropServices;

namespace Hark.Telephony;

/// <summary>
/// Gives the calling thread its own nice value (Linux: <c>setpriority(PRIO_PROCESS, gettid(), nice)</c>; a thread is
/// a task with its own priority there). .NET's <see cref="Thread.Priority"/> does nothing on Linux.
/// </summary>
internal static partial class MediaThreadPriority
{
    /// <summary>0 when the thread now runs at <paramref name="nice"/> (or it is 0, or not Linux); otherwise the errno (EACCES, EPERM).</summary>
    public static int TrySet(int nice)
    {
        if (nice == 0 || !OperatingSystem.IsLinux())
        {
            return 0;
        }

        return SetPriority(0, GetTid(), nice) == 0 ? 0 : Marshal.GetLastSystemError();
    }

    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static partial int SetPriority(int which, int who, int priority);

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetTid();
}
