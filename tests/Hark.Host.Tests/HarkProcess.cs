using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Hark.Host.Tests;

/// <summary>
/// The real <c>hark</c> executable as a child process (what an operator runs), so a test can kill it with
/// SIGKILL and start it again on the same data folder and port.
/// </summary>
internal sealed class HarkProcess : IAsyncDisposable
{
    private readonly string[] _arguments;
    private readonly StringBuilder _output = new();
    private Process? _process;

    public HarkProcess(string dataDirectory, params string[] settings)
    {
        Port = FreeTcpPort();
        BaseUrl = $"http://127.0.0.1:{Port}";
        _arguments = [$"--urls={BaseUrl}", "--Hark:Sip:Port=0", $"--Hark:DataDirectory={dataDirectory}", .. settings];
    }

    public int Port { get; }

    /// <summary>The child's process id once started.</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("hark is not started.");

    public string BaseUrl { get; }

    /// <summary>Whether the child has ended (or was never started).</summary>
    public bool HasExited => _process?.HasExited ?? true;

    /// <summary>What the process wrote to stdout and stderr (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts hark and waits until its HTTP endpoint answers.</summary>
    public async Task StartAsync(TimeSpan timeout)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(HostAssembly());
        foreach (var argument in _arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"hark exited with {process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(BaseUrl + "/.well-known/openid-configuration");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"hark did not answer within {timeout}:\n{Output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly as a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            process.Kill(entireProcessTree: false);
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }

    /// <summary>A graceful stop (SIGTERM), as systemd does.</summary>
    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
            }

            process.Dispose();
        }
    }

    public async ValueTask DisposeAsync() => await KillAsync();

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    // The project reference copies the executable (hark.dll with its runtimeconfig) beside the tests.
    private static string HostAssembly()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "hark.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("hark.dll is not beside the tests.", path);
    }

    internal static int FreeTcpPort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
