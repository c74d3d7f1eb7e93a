using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Hark.Testing;

namespace Hark.Sdk5.Tests.Sip;

/// <summary>
/// Kamailio (the Debian package kamailio) as a plain foreground process with tests/data/kamailio/hark-proxy.cfg:
/// a record-routing proxy on a free loopback UDP port that relays new calls to one Hark. Never the system service.
/// </summary>
internal sealed class KamailioProcess : IAsyncDisposable
{
    /// <summary>The executable's name; Debian installs it in /usr/sbin, which a non-root PATH may lack.</summary>
    public const string Executable = "kamailio";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource Seen)> _waiters = [];

    private KamailioProcess(Process process, int port, string workingDirectory, string commandLine)
    {
        _process = process;
        Port = port;
        WorkingDirectory = workingDirectory;
        CommandLine = commandLine;

        // Kamailio and its forked workers all write to the inherited stderr (-E).
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
    }

    /// <summary>tests/data/kamailio/hark-proxy.cfg.</summary>
    public static string Config { get; } = RepositoryPaths.TestData("kamailio", "hark-proxy.cfg");

    /// <summary>The proxy's UDP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>"127.0.0.1:port", where callers send their INVITEs.</summary>
    public string Address => $"127.0.0.1:{Port}";

    /// <summary>Kamailio's -w folder.</summary>
    public string WorkingDirectory { get; }

    /// <summary>The command, for reproducing the run by hand.</summary>
    public string CommandLine { get; }

    /// <summary>Everything Kamailio logged so far (startup, one line per relayed request, errors).</summary>
    public string Log
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    /// <summary>
    /// Whether Kamailio logs a line that <paramref name="match"/> accepts within <paramref name="timeout"/>: its log
    /// reaches this process a moment after what it relayed reached the other side.
    /// </summary>
    public async Task<bool> WaitForLogLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lines)
        {
            if (_lines.Any(match))
            {
                return true;
            }

            _waiters.Add((match, seen));
        }

        try
        {
            await seen.Task.WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            lock (_lines)
            {
                _waiters.RemoveAll(w => w.Seen == seen);
            }

            return false;
        }
    }

    /// <summary>The command line and the log, for an assertion message.</summary>
    public string Describe() => $"--- kamailio ---\ncommand: {CommandLine}\n{Log}";

    /// <summary>
    /// Starts Kamailio relaying to Hark's SIP port and returns once it answers an OPTIONS; a port taken between
    /// choosing and binding it gets another try on a new port.
    /// </summary>
    /// <exception cref="InvalidOperationException">Kamailio is not installed, or did not come up (the log says why).</exception>
    public static async Task<KamailioProcess> StartAsync(int harkPort, CancellationToken cancellationToken)
    {
        var executable = FindExecutable();
        for (var attempt = 1; ; attempt++)
        {
            var kamailio = Start(executable, FreeUdpPort.Next(), harkPort);
            try
            {
                await kamailio.WaitUntilReadyAsync(cancellationToken);
                return kamailio;
            }
            catch (InvalidOperationException) when (attempt < 3 && kamailio._process.HasExited)
            {
                await kamailio.DisposeAsync();
            }
            catch
            {
                await kamailio.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>The full path of kamailio on PATH or in the sbin folders.</summary>
    /// <exception cref="InvalidOperationException">It is not installed.</exception>
    public static string FindExecutable() => ExternalTool.Find(
        Executable,
        "Kamailio ('kamailio') is not installed: apt-get install kamailio (the tests run it as a plain process, not the service).",
        alsoIn: ["/usr/sbin", "/usr/local/sbin"]);

    /// <summary>Kills Kamailio and its workers and removes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
        if (Directory.Exists(WorkingDirectory))
        {
            Directory.Delete(WorkingDirectory, recursive: true);
        }
    }

    private static KamailioProcess Start(string executable, int port, int harkPort)
    {
        var workingDirectory = Directory.CreateTempSubdirectory("hark-kamailio-").FullName;
        List<string> arguments =
        [
            "-DD", "-E",
            "-f", Config,
            "-w", workingDirectory,
            "-Y", workingDirectory,
            "-m", "64", "-M", "8",
            "-A", $"LISTEN=udp:127.0.0.1:{Number(port)}",
            "-A", $"HARK=\"sip:127.0.0.1:{Number(harkPort)}\"",
        ];
        var (process, commandLine) = ExternalTool.Start(executable, arguments, workingDirectory);
        return new KamailioProcess(process, port, workingDirectory, commandLine);
    }

    // The config answers an OPTIONS addressed to the proxy itself: once it does, the workers take requests.
    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ReadyTimeout);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var local = (IPEndPoint)socket.LocalEndPoint!;
        var proxy = new IPEndPoint(IPAddress.Loopback, Port);
        var buffer = new byte[4096];
        try
        {
            for (var probe = 1; ; probe++)
            {
                if (_process.HasExited)
                {
                    await _process.WaitForExitAsync(CancellationToken.None);
                    throw new InvalidOperationException($"Kamailio exited ({_process.ExitCode}) before it answered OPTIONS.\n{Describe()}");
                }

                await socket.SendToAsync(Options(local, probe), proxy, deadline.Token);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
                wait.CancelAfter(TimeSpan.FromMilliseconds(200));
                try
                {
                    var received = await socket.ReceiveFromAsync(buffer, proxy, wait.Token);
                    if (Encoding.ASCII.GetString(buffer, 0, received.ReceivedBytes).StartsWith("SIP/2.0 200 ", StringComparison.Ordinal))
                    {
                        return;
                    }
                }
                catch (OperationCanceledException) when (!deadline.IsCancellationRequested)
                {
                    // No answer yet (workers starting): probe again.
                }
                catch (SocketException)
                {
                    // ICMP port unreachable: nothing bound yet.
                    await Task.Delay(50, deadline.Token);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException($"Kamailio did not answer OPTIONS within {ReadyTimeout.TotalSeconds} s.\n{Describe()}");
        }
    }

    private byte[] Options(IPEndPoint local, int probe)
    {
        var from = $"{local.Address}:{Number(local.Port)}";
        var text =
            $"OPTIONS sip:{Address} SIP/2.0\r\n" +
            $"Via: SIP/2.0/UDP {from};branch=z9hG4bK-ready-{Number(probe)}\r\n" +
            "Max-Forwards: 70\r\n" +
            $"From: <sip:ready@{from}>;tag=ready\r\n" +
            $"To: <sip:{Address}>\r\n" +
            $"Call-ID: ready-{Number(Port)}@{from}\r\n" +
            $"CSeq: {Number(probe)} OPTIONS\r\n" +
            "Content-Length: 0\r\n\r\n";
        return Encoding.ASCII.GetBytes(text);
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add(line);
            foreach (var waiter in _waiters.Where(w => w.Match(line)).ToList())
            {
                waiter.Seen.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
