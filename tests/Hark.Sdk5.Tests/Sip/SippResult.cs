using System.Text;

namespace Hark.Sdk5.Tests.Sip;

/// <summary>How a SIPp run ended: its exit code, output, statistics and unexpected messages.</summary>
/// <param name="ExitCode">SIPp's exit code (see <see cref="ExitCodeMeaning"/>); -1 when the runner killed it.</param>
/// <param name="StandardOutput">The screens SIPp printed; the last one holds the final counts.</param>
/// <param name="StandardError">Warnings and errors, such as a scenario that does not parse.</param>
/// <param name="Statistics">The -trace_stat counters at exit; null when SIPp wrote none (it failed to start).</param>
/// <param name="ErrorLog">The -trace_err log: every unexpected message, with the reason; empty when none.</param>
/// <param name="CommandLine">The command, for reproducing the run by hand.</param>
/// <param name="WorkingDirectory">Where the logs are; deleted after a successful run without -trace_msg.</param>
internal sealed record SippResult(
    int ExitCode,
    string StandardOutput,
    string StandardError,
    SippStatistics? Statistics,
    string ErrorLog,
    string CommandLine,
    string WorkingDirectory)
{
    /// <summary>SIPp exits 0 only when every call reached the end of the scenario.</summary>
    public bool AllCallsSucceeded => ExitCode == 0;

    /// <summary>SIPp's documented exit codes, in words.</summary>
    public string ExitCodeMeaning => ExitCode switch
    {
        0 => "all calls succeeded",
        1 => "at least one call failed",
        97 => "exit on internal command",
        99 => "normal exit without calls processed",
        -1 => "killed by the runner (did not exit in time)",
        255 => "fatal error (see stderr)",
        254 => "fatal error binding a socket",
        _ => "unknown exit code",
    };

    /// <summary>The -trace_msg log (every message sent and received), or empty when the run kept none.</summary>
    public string MessagesSeen() =>
        Directory.Exists(WorkingDirectory)
            ? string.Join("\n", Directory.GetFiles(WorkingDirectory, "*_messages.log").Select(File.ReadAllText))
            : "";

    /// <summary>Everything a failing assertion should show: command, exit, counts, errors, output tail.</summary>
    public string Describe()
    {
        var text = new StringBuilder()
            .AppendLine($"sipp exited {ExitCode} ({ExitCodeMeaning})")
            .AppendLine($"command: {CommandLine}")
            .AppendLine($"statistics: {Statistics?.ToString() ?? "none"}")
            .AppendLine($"logs: {WorkingDirectory}");
        if (StandardError.Contains("raw", StringComparison.OrdinalIgnoreCase))
        {
            text.AppendLine("play_pcap_audio sends through a raw socket: SIPp needs root or CAP_NET_RAW.");
        }

        return text
            .AppendLine("--- unexpected messages (-trace_err) ---").AppendLine(Tail(ErrorLog, 4000))
            .AppendLine("--- stderr ---").AppendLine(Tail(StandardError, 2000))
            .AppendLine("--- last screen ---").AppendLine(Tail(StandardOutput, 2500))
            .ToString();
    }

    private static string Tail(string text, int length) => text.Length <= length ? text : "..." + text[^length..];
}
