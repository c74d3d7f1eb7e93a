using System.Collections.Concurrent;
using System.Diagnostics;

namespace Hark.Host.Tests.Cli;

/// <summary>A real <c>hark</c> process (the build's hark.dll under dotnet, or an installed executable), its output collected line by line.</summary>
public sealed class HarkProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();

    private HarkProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public IReadOnlyList<string> Output => [.. _stdout];

    public IReadOnlyList<string> Errors => [.. _stderr];

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts hark.dll from the test's output folder (the referenced host's build).</summary>
    public static HarkProcess StartBuilt(params string[] args) =>
        Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "hark.dll"), .. args]);

    public static HarkProcess Start(string fileName, IEnumerable<string> args, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = new Process { StartInfo = info };
        var hark = new HarkProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) hark._stdout.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) hark._stderr.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return hark;
    }

    /// <summary>The HTTP base URL once the host says it listens.</summary>
    public async Task<string> WaitForListeningAsync(TimeSpan timeout)
    {
        var line = await WaitForLineAsync(l => l.Contains("Now listening on: ", StringComparison.Ordinal), timeout);
        return line[(line.IndexOf("Now listening on: ", StringComparison.Ordinal) + "Now listening on: ".Length)..].Trim();
    }

    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Output.FirstOrDefault(match) is { } line)
            {
                return line;
            }

            if (_process.HasExited)
            {
                Assert.Fail($"hark exited ({_process.ExitCode}):\n{string.Join('\n', Output)}\n{string.Join('\n', Errors)}");
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("hark did not print the expected line:\n" + string.Join('\n', Output));
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    /// <summary>Sends SIGTERM, as systemd does on stop.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
