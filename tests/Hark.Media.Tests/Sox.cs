using System.Diagnostics;

namespace Hark.Media.Tests;

/// <summary>Runs sox or soxi (installed by scripts/test) as an independent reference.</summary>
internal static class Sox
{
    /// <summary>Returns stdout + stderr; fails the test with the tool's output on a non-zero exit.</summary>
    public static string Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException(program + " did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var output = stdout + stderr.Result;
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} exited {process.ExitCode}: {output}");
        return output;
    }
}
