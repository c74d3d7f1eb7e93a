using System.Globalization;

namespace Hark.Sdk5.Tests.Sip;

/// <summary>Runs SIPp (the Debian package sip-tester) as a separate process.</summary>
internal static class Sipp
{
    /// <summary>The executable's name on PATH.</summary>
    public const string Executable = "sipp";

    /// <summary>Starts SIPp and returns at once: for a UAS that must be listening before the other side calls.</summary>
    /// <exception cref="InvalidOperationException">SIPp is not installed.</exception>
    public static SippProcess Start(SippOptions options) => SippProcess.Start(options, FindExecutable());

    /// <summary>Runs SIPp to the end of its calls (or its timeout) and returns how it went.</summary>
    /// <exception cref="InvalidOperationException">SIPp is not installed.</exception>
    public static async Task<SippResult> RunAsync(SippOptions options, CancellationToken cancellationToken)
    {
        // Exit 254 is SIPp failing to bind: a port found free was taken by a parallel run before SIPp bound it.
        for (var attempt = 1; ; attempt++)
        {
            await using var sipp = Start(options);
            var result = await sipp.WaitForExitAsync(cancellationToken);
            if (result.ExitCode != 254 || attempt == 3)
            {
                return result;
            }
        }
    }

    /// <summary>The full path of sipp on <paramref name="searchPath"/> (default: PATH).</summary>
    /// <exception cref="InvalidOperationException">It is not there.</exception>
    public static string FindExecutable(string? searchPath = null) => ExternalTool.Find(
        Executable, "SIPp ('sipp') is not on PATH: install the Debian package sip-tester (apt-get install sip-tester).", searchPath);

    /// <summary>The command-line arguments for <paramref name="options"/> with its ports resolved.</summary>
    internal static List<string> Arguments(SippOptions options, int localPort, int mediaPort, int controlPort, string statsFile)
    {
        if ((options.Scenario is null) == (options.BuiltIn is null))
        {
            throw new ArgumentException("Set exactly one of Scenario and BuiltIn.", nameof(options));
        }

        var args = options.Scenario is not null ? new List<string> { "-sf", options.Scenario } : ["-sn", options.BuiltIn!];
        args.AddRange(
        [
            "-s", options.Service,
            "-i", options.LocalAddress,
            "-mi", options.MediaAddress ?? options.LocalAddress,
            "-p", Number(localPort),
            "-mp", Number(mediaPort),
            "-cp", Number(controlPort),
            "-t", options.Transport == SippTransport.Tcp ? "t1" : "u1",
            "-m", Number(options.Calls),
            "-timeout", Number((int)Math.Ceiling(options.Timeout.TotalSeconds)) + "s",
            "-timeout_error",
            "-nostdin",
            "-trace_err",
            "-trace_stat",
            "-stf", statsFile,
        ]);
        AddIf(args, "-l", options.Limit?.ToString(CultureInfo.InvariantCulture));
        AddIf(args, "-r", options.Rate?.ToString(CultureInfo.InvariantCulture));
        AddIf(args, "-rp", options.RatePeriod is { } period ? Number((int)period.TotalMilliseconds) : null);
        AddIf(args, "-recv_timeout", options.ReceiveTimeout is { } receive ? Number((int)receive.TotalMilliseconds) : null);
        foreach (var (name, value) in options.Keys)
        {
            args.AddRange(["-key", name, value]);
        }

        foreach (var (name, value) in options.Variables)
        {
            args.AddRange(["-set", name, value]);
        }

        if (options.TraceMessages)
        {
            args.Add("-trace_msg");
        }

        args.AddRange(options.ExtraArguments);
        if (options.Remote is not null)
        {
            args.Add(options.Remote);
        }

        return args;
    }

    private static void AddIf(List<string> args, string name, string? value)
    {
        if (value is not null)
        {
            args.AddRange([name, value]);
        }
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
