using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Hark.Sdk5.Tests.Sip;
using Hark.Testing;

namespace Hark.Sdk5.Tests.Linphone;

/// <summary>
/// A running linphonec (Debian package linphone-cli) playing a WAV file instead of a microphone, driven
/// through its console: commands such as <c>call</c>, <c>terminate</c> and <c>quit</c>, and DTMF digits
/// typed alone on a line, go to its stdin. It runs with <c>-d 6</c>, so its log (SIP messages included)
/// comes out on stdout with the console's replies. Its configuration comes from tests/data/linphone.
/// </summary>
internal sealed partial class Linphone : IAsyncDisposable
{
    /// <summary>The executable's name on PATH.</summary>
    public const string Executable = "linphonec";

    // linphonec has no lifetime option and ignores the end of its stdin: coreutils' timeout ends it
    // after this, so a test that dies never leaves one running.
    private const int LifetimeSeconds = 60;
    private static readonly TimeSpan QuitTimeout = TimeSpan.FromSeconds(5);

    private readonly ConsoleProcess _console;

    private Linphone(Process process, string directory, int sipPort)
    {
        _console = new ConsoleProcess(process, "linphonec", directory);
        ConfigDirectory = directory;
        SipPort = sipPort;
    }

    /// <summary>tests/data/linphone.</summary>
    public static string DataDirectory { get; } = RepositoryPaths.TestData("linphone");

    /// <summary>
    /// The baresip tests' 6.00 s of speech, 8 kHz 16-bit mono: played into the call, and the recording must
    /// match it. At 8 kHz it goes to the G.711 encoder without resampling.
    /// </summary>
    public static string SpeechWav => Baresip.Baresip.SpeechWav;

    /// <summary>The folder holding linphonerc (given to linphonec -c); also its HOME, for its database.</summary>
    public string ConfigDirectory { get; }

    /// <summary>The UDP port linphonec's SIP stack listens on, on 127.0.0.1.</summary>
    public int SipPort { get; }

    /// <summary>Everything linphonec printed so far (console and log), for failure messages.</summary>
    public string Output => _console.Output;

    /// <summary>
    /// Starts linphonec, waits until its SIP stack listens, switches it to files instead of a sound card
    /// and has it play <paramref name="audioFile"/> (8 kHz 16-bit mono WAV) into every call.
    /// </summary>
    /// <exception cref="InvalidOperationException">linphonec is not installed, or it exited before it was ready.</exception>
    public static async Task<Linphone> StartAsync(string audioFile, CancellationToken cancellationToken)
    {
        var executable = FindExecutable();

        // A free port may be taken by a parallel run before linphonec binds it: try a few.
        for (var attempt = 1; ; attempt++)
        {
            var linphone = Start(executable);
            try
            {
                // The core opens its SIP port only once it has its database and finds the network up.
                var listening = $"on [sip:127.0.0.1:{Number(linphone.SipPort)};transport=UDP]";
                await linphone.WaitForOutputAsync(listening, TimeSpan.FromSeconds(10), cancellationToken);
                await linphone.SendCommandAsync("soundcard use files", cancellationToken);
                await linphone.WaitForOutputAsync("Using wav files instead of soundcard.", TimeSpan.FromSeconds(5), cancellationToken);
                await linphone.SendCommandAsync("play " + Path.GetFullPath(audioFile), cancellationToken);
                return linphone;
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException && attempt < 3)
            {
                await linphone.DisposeAsync();
            }
            catch
            {
                await linphone.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>The full path of linphonec on PATH.</summary>
    /// <exception cref="InvalidOperationException">It is not there.</exception>
    public static string FindExecutable() => ExternalTool.Find(
        Executable, "linphonec is not on PATH: install the Debian package linphone-cli (apt-get install linphone-cli).");

    /// <summary>Runs a console command such as <c>call sip:+15551234@127.0.0.1:5060</c> or <c>terminate</c>.</summary>
    public Task SendCommandAsync(string command, CancellationToken cancellationToken) =>
        _console.WriteLineAsync(command, cancellationToken);

    /// <summary>Sends DTMF during a call: a line of only 0-9, *, # and A-D (RFC 4733 if the answer has telephone-event).</summary>
    public Task SendDtmfAsync(char digit, CancellationToken cancellationToken) =>
        SendCommandAsync(digit.ToString(), cancellationToken);

    /// <summary>
    /// The first SIP message of an INVITE transaction that linphonec's log shows starting with
    /// <paramref name="startLine"/> (<c>"INVITE "</c> for its offer, <c>"SIP/2.0 200 "</c> for the answer),
    /// headers and SDP body; null if there is none yet.
    /// </summary>
    public string? FindInviteMessage(string startLine) =>
        SipMessage().Matches(Output)
            .Select(m => m.Value)
            .FirstOrDefault(m => m.StartsWith(startLine, StringComparison.Ordinal) && CSeqInvite().IsMatch(m));

    /// <summary>Waits until linphonec has printed <paramref name="text"/> (case-sensitive) at any point so far.</summary>
    /// <exception cref="TimeoutException">It did not within <paramref name="timeout"/>.</exception>
    /// <exception cref="InvalidOperationException">linphonec exited first.</exception>
    public Task WaitForOutputAsync(string text, TimeSpan timeout, CancellationToken cancellationToken) =>
        _console.WaitForOutputAsync(text, timeout, cancellationToken);

    /// <summary>Sends <c>quit</c> (linphonec ends any call) and waits for it to exit; returns its exit code.</summary>
    public Task<int> QuitAsync(CancellationToken cancellationToken) => _console.QuitAsync("quit", QuitTimeout, cancellationToken);

    /// <summary>Kills linphonec if it still runs and deletes its folder.</summary>
    public ValueTask DisposeAsync() => _console.DisposeAsync();

    private static Linphone Start(string executable)
    {
        var directory = Directory.CreateTempSubdirectory("hark-linphone-").FullName;

        // liblinphone opens its database under $HOME and never brings its SIP stack up without it.
        Directory.CreateDirectory(Path.Combine(directory, ".local", "share", "linphone"));
        var sipPort = FreeUdpPort.Next();
        var rtpPort = FreeUdpPort.NextBlock(2);
        var config = File.ReadAllText(Path.Combine(DataDirectory, "linphonerc.template"))
            .Replace("{{SipPort}}", Number(sipPort), StringComparison.Ordinal)
            .Replace("{{RtpPort}}", Number(rtpPort), StringComparison.Ordinal);
        var configFile = Path.Combine(directory, "linphonerc");
        File.WriteAllText(configFile, config);

        var (process, _) = ExternalTool.Start(
            ExternalTool.Find("timeout", "timeout (coreutils) is not on PATH."),
            ["-k", "5", Number(LifetimeSeconds), executable, "-c", configFile, "-d", "6"],
            directory,
            redirectInput: true,
            environment: new Dictionary<string, string> { ["HOME"] = directory });
        return new Linphone(process, directory, sipPort);
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    // A request or response as the log prints it: start line, headers, blank line, body, up to the next
    // timestamped log line.
    [GeneratedRegex(@"^(?:[A-Z]+ sip:|SIP/2\.0 )[^\n]*\n(?:(?!\d{4}-\d\d-\d\d )[^\n]*\n)*", RegexOptions.Multiline)]
    private static partial Regex SipMessage();

    [GeneratedRegex(@"^CSeq: *\d+ +INVITE\b", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex CSeqInvite();
}
