using System.Diagnostics;
using System.Globalization;
using Hark.Sdk5.Tests.Sip;
using Hark.Testing;

namespace Hark.Sdk5.Tests.Baresip;

/// <summary>
/// A running baresip (Debian package baresip-core) with a WAV file as its microphone, driven through its
/// stdio UI: commands such as <c>/dial</c> and <c>/quit</c> and DTMF key presses go to its stdin.
/// Its configuration comes from the templates in tests/data/baresip, written to a temporary folder.
/// </summary>
internal sealed class Baresip : IAsyncDisposable
{
    /// <summary>The executable's name on PATH.</summary>
    public const string Executable = "baresip";

    // baresip's own -t: it quits by itself after this, so a test that dies never leaves one running.
    private const int LifetimeSeconds = 60;
    private static readonly TimeSpan QuitTimeout = TimeSpan.FromSeconds(5);

    private readonly ConsoleProcess _console;

    private Baresip(Process process, string configDirectory, int sipPort)
    {
        _console = new ConsoleProcess(process, "baresip", configDirectory);
        ConfigDirectory = configDirectory;
        SipPort = sipPort;
    }

    /// <summary>tests/data/baresip.</summary>
    public static string DataDirectory { get; } = RepositoryPaths.TestData("baresip");

    /// <summary>6.00 s of speech, 8 kHz 16-bit mono: the microphone, and the reference recordings must match.</summary>
    public static string SpeechWav => Path.Combine(DataDirectory, "speech-8k.wav");

    /// <summary>The folder holding config and accounts (given to baresip -f).</summary>
    public string ConfigDirectory { get; }

    /// <summary>The UDP/TCP port baresip's SIP stack listens on, on 127.0.0.1.</summary>
    public int SipPort { get; }

    /// <summary>Everything baresip printed so far (stdout and stderr), for failure messages.</summary>
    public string Output => _console.Output;

    /// <summary>Starts baresip with <paramref name="audioFile"/> as its microphone and waits until it is ready.</summary>
    /// <exception cref="InvalidOperationException">baresip is not installed, or it exited before it was ready.</exception>
    public static async Task<Baresip> StartAsync(string audioFile, CancellationToken cancellationToken)
    {
        var executable = FindExecutable();

        // A free port may be taken by a parallel run before baresip binds it: try a few.
        for (var attempt = 1; ; attempt++)
        {
            var baresip = Start(executable, audioFile);
            try
            {
                await baresip.WaitForOutputAsync("baresip is ready.", TimeSpan.FromSeconds(10), cancellationToken);
                return baresip;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                await baresip.DisposeAsync();
            }
            catch
            {
                await baresip.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>The full path of baresip on PATH.</summary>
    /// <exception cref="InvalidOperationException">It is not there.</exception>
    public static string FindExecutable() => ExternalTool.Find(
        Executable, "baresip is not on PATH: install the Debian package baresip-core (apt-get install baresip-core).");

    /// <summary>Runs a menu command such as <c>/dial sip:+15551234@127.0.0.1:5060</c> or <c>/hangup</c>.</summary>
    public Task SendCommandAsync(string command, CancellationToken cancellationToken) =>
        _console.WriteLineAsync(command, cancellationToken);

    /// <summary>Presses a key: during a call 0-9, *, # and A-D are sent as DTMF (RFC 4733 if negotiated).</summary>
    public Task PressKeyAsync(char key, CancellationToken cancellationToken) =>
        _console.WriteAsync(key.ToString(), cancellationToken);

    /// <summary>Waits until baresip has printed <paramref name="text"/> (case-sensitive) at any point so far.</summary>
    /// <exception cref="TimeoutException">It did not within <paramref name="timeout"/>.</exception>
    /// <exception cref="InvalidOperationException">baresip exited first.</exception>
    public Task WaitForOutputAsync(string text, TimeSpan timeout, CancellationToken cancellationToken) =>
        _console.WaitForOutputAsync(text, timeout, cancellationToken);

    /// <summary>Sends <c>/quit</c> (baresip hangs up any call) and waits for it to exit; returns its exit code.</summary>
    public Task<int> QuitAsync(CancellationToken cancellationToken) => _console.QuitAsync("/quit", QuitTimeout, cancellationToken);

    /// <summary>Kills baresip if it still runs and deletes its folder.</summary>
    public ValueTask DisposeAsync() => _console.DisposeAsync();

    private static Baresip Start(string executable, string audioFile)
    {
        var directory = Directory.CreateTempSubdirectory("hark-baresip-").FullName;
        var sipPort = FreeUdpPort.Next();

        // baresip picks its RTP port at random in rtp_ports: a block found free keeps it off anyone else's.
        const int rtpPorts = 20;
        var rtpPortMin = FreeUdpPort.NextBlock(rtpPorts);
        var config = File.ReadAllText(Path.Combine(DataDirectory, "config.template"))
            .Replace("{{SipPort}}", Number(sipPort), StringComparison.Ordinal)
            .Replace("{{AudioFile}}", Path.GetFullPath(audioFile), StringComparison.Ordinal)
            .Replace("{{RtpPortMin}}", Number(rtpPortMin), StringComparison.Ordinal)
            .Replace("{{RtpPortMax}}", Number(rtpPortMin + rtpPorts - 1), StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(directory, "config"), config);
        File.Copy(Path.Combine(DataDirectory, "accounts.template"), Path.Combine(directory, "accounts"));

        var (process, _) = ExternalTool.Start(executable, ["-f", directory, "-t", Number(LifetimeSeconds)], directory, redirectInput: true);
        return new Baresip(process, directory, sipPort);
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
