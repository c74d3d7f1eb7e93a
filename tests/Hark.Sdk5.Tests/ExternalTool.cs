using System.Diagnostics;

namespace Hark.Sdk5.Tests;

/// <summary>Finding and starting the Debian programs the telephony tests call Hark with (SIPp, baresip, linphone, Kamailio).</summary>
internal static class ExternalTool
{
    /// <summary>The full path of <paramref name="name"/> in the folders of <paramref name="searchPath"/> (default: PATH), then <paramref name="alsoIn"/>.</summary>
    /// <exception cref="InvalidOperationException">It is in none of them; the message is <paramref name="install"/>.</exception>
    public static string Find(string name, string install, string? searchPath = null, params string[] alsoIn)
    {
        var path = searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(alsoIn)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(install);
    }

    /// <summary>
    /// Starts <paramref name="executable"/> in <paramref name="workingDirectory"/> with its output (and, if asked,
    /// its input) redirected and <paramref name="environment"/> added to its environment, and returns it with a
    /// command line to paste into a shell when a test fails.
    /// </summary>
    public static (Process Process, string CommandLine) Start(
        string executable,
        IReadOnlyList<string> arguments,
        string workingDirectory,
        bool redirectInput = false,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start " + executable);
        var quoted = arguments.Select(a => a.Contains(' ', StringComparison.Ordinal) || a.Contains('"', StringComparison.Ordinal) ? $"'{a}'" : a);
        return (process, executable + " " + string.Join(' ', quoted));
    }
}
