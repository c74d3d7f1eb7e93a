using System.Diagnostics;
using System.Net.Sockets;

namespace Hark.Sdk5.Tests.Sip;

/// <summary>A running SIPp: its ports, a wait until it listens, and its result once it exits.</summary>
internal sealed class SippProcess : IAsyncDisposable
{
    // SIPp has -timeout itself; this margin is for a SIPp that hangs anyway, so a test never does.
    private static readonly TimeSpan KillMargin = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly SippOptions _options;
    private readonly string _statsFile;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;
    private bool _collected;

    private SippProcess(Process process, SippOptions options, string workingDirectory, string statsFile, string commandLine, int localPort, int mediaPort)
    {
        _process = process;
        _options = options;
        _statsFile = statsFile;
        WorkingDirectory = workingDirectory;
        CommandLine = commandLine;
        LocalPort = localPort;
        MediaPort = mediaPort;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    /// <summary>The SIP port SIPp uses (-p).</summary>
    public int LocalPort { get; }

    /// <summary>The first media port (-mp).</summary>
    public int MediaPort { get; }

    /// <summary>"address:port" to send calls to, for a UAS.</summary>
    public string Address => $"{_options.LocalAddress}:{LocalPort}";

    /// <summary>The run's folder: statistics, -trace_err and -trace_msg logs.</summary>
    public string WorkingDirectory { get; }

    /// <summary>The command, for reproducing the run by hand.</summary>
    public string CommandLine { get; }

    /// <summary>
    /// Returns once SIPp holds its SIP port, so a call sent next is not lost to a socket not yet bound.
    /// SIPp says nothing when it is ready, so this polls the port.
    /// </summary>
    /// <exception cref="InvalidOperationException">SIPp exited first (a bad scenario, a port taken).</exception>
    public async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        var (type, protocol) = _options.Transport == SippTransport.Tcp
            ? (SocketType.Stream, ProtocolType.Tcp)
            : (SocketType.Dgram, ProtocolType.Udp);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(10));
        while (FreeUdpPort.IsFree(LocalPort, type, protocol))
        {
            if (_process.HasExited)
            {
                var result = await WaitForExitAsync(cancellationToken);
                throw new InvalidOperationException("SIPp exited before it listened.\n" + result.Describe());
            }

            await Task.Delay(20, deadline.Token);
        }
    }

    /// <summary>Waits for SIPp to finish (killing it if it overruns its own -timeout) and collects the result.</summary>
    public async Task<SippResult> WaitForExitAsync(CancellationToken cancellationToken)
    {
        using var overrun = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        overrun.CancelAfter(_options.Timeout + KillMargin);
        var killed = false;
        try
        {
            await _process.WaitForExitAsync(overrun.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            killed = true;
        }

        _collected = true;
        var stats = File.Exists(_statsFile) ? SippStatistics.Parse(await File.ReadAllTextAsync(_statsFile, cancellationToken)) : null;
        var errors = string.Join(
            '\n',
            Directory.EnumerateFiles(WorkingDirectory, "*_errors.log").Select(File.ReadAllText));
        var result = new SippResult(
            killed ? -1 : _process.ExitCode,
            await _stdout,
            await _stderr,
            stats,
            errors,
            CommandLine,
            WorkingDirectory);
        if (result.AllCallsSucceeded && !_options.TraceMessages)
        {
            Directory.Delete(WorkingDirectory, recursive: true);
        }

        return result;
    }

    /// <summary>Kills SIPp if it still runs; drops its folder unless a result (which may point at it) was collected.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
        if (!_collected && Directory.Exists(WorkingDirectory))
        {
            Directory.Delete(WorkingDirectory, recursive: true);
        }
    }

    internal static SippProcess Start(SippOptions options, string executable)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Calls);
        var workingDirectory = Directory.CreateTempSubdirectory("hark-sipp-").FullName;
        var statsFile = Path.Combine(workingDirectory, "stats.csv");
        var localPort = options.LocalPort != 0 ? options.LocalPort : FreeUdpPort.Next();

        // SIPp binds -mp and -mp+2; call n sends its RTP from -mp + 4 x (n - 1), modulo 10000.
        var mediaPort = options.MediaPort != 0 ? options.MediaPort : FreeUdpPort.NextBlock(4 * Math.Min(options.Calls, 2500));
        var arguments = Sipp.Arguments(options, localPort, mediaPort, FreeUdpPort.Next(), statsFile);

        // Run from a folder of its own: SIPp writes its logs to the working directory.
        var (process, commandLine) = ExternalTool.Start(executable, arguments, workingDirectory);
        return new SippProcess(process, options, workingDirectory, statsFile, commandLine, localPort, mediaPort);
    }
}
