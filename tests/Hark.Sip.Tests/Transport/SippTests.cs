using System.Diagnostics;
using System.Net;
using Hark.Sip.Messages;
using Hark.Sip.Transport;

namespace Hark.Sip.Tests.Transport;

/// <summary>SIPp (Debian package sip-tester) as a real, independent UAC against the UDP transport.</summary>
public class SippTests
{
    private const string OptionsScenario = """
        <?xml version="1.0" encoding="ISO-8859-1" ?>
        <scenario name="Hark OPTIONS">
          <send retrans="500">
            <![CDATA[
              OPTIONS sip:hark@[remote_ip]:[remote_port] SIP/2.0
              Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch];rport
              From: <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
              To: <sip:hark@[remote_ip]:[remote_port]>
              Call-ID: [call_id]
              CSeq: 1 OPTIONS
              Max-Forwards: 70
              Content-Length: [len]

            ]]>
          </send>
          <recv response="200" />
        </scenario>
        """;

    [Fact]
    public async Task Sipp_OptionsScenario_ExitsZero()
    {
        await using var rig = new SippRig();
        var scenario = Path.Combine(rig.Directory, "options.xml");
        await File.WriteAllTextAsync(scenario, OptionsScenario);

        var (exitCode, output) = await rig.RunAsync("-sf", scenario);

        Assert.True(exitCode == 0, $"sipp exited {exitCode}:\n{output}");
    }

    [Fact]
    public async Task Sipp_EmbeddedUacCall_ExitsZero()
    {
        await using var rig = new SippRig();
        rig.Handler.Answer = (tx, request) => request.Method switch
        {
            SipMethods.Invite => Answer(tx, request, rig.Transport.LocalEndPoint, 180, 200),
            SipMethods.Bye => Answer(tx, request, rig.Transport.LocalEndPoint, 200),
            _ => false,
        };

        var (exitCode, output) = await rig.RunAsync("-sn", "uac", "-d", "50", "-s", "hark");

        Assert.True(exitCode == 0, $"sipp exited {exitCode}:\n{output}");
        Assert.Equal([SipMethods.Invite, SipMethods.Bye], rig.Handler.Requests.Select(r => r.Method));
        Assert.Equal(1, rig.Handler.Acks.Reader.Count);
    }

    private static bool Answer(SipServerTransactionHandle transaction, SipMessage request, IPEndPoint local, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            transaction.Respond(SipResponses.CreateFrom(request, status, toTag: "hark1",
                extraHeaders: [new SipHeader(SipHeaderNames.Contact, $"<sip:hark@{local}>")]));
        }

        return true;
    }

    private sealed class SippRig : IAsyncDisposable
    {
        public SippRig()
        {
            Manager = new SipTransactionManager(Handler, TimeProvider.System);
            Transport = new UdpSipTransport(new IPEndPoint(IPAddress.Loopback, 0));
            Transport.Start(Manager);
            System.IO.Directory.CreateDirectory(Directory);
        }

        public RecordingHandler Handler { get; } = new();

        public SipTransactionManager Manager { get; }

        public UdpSipTransport Transport { get; }

        public string Directory { get; } = Path.Combine(Path.GetTempPath(), "hark-sipp-" + Guid.NewGuid().ToString("N"));

        /// <summary>Runs one SIPp call at Hark; SIPp's own timeout keeps a hung run to 10 seconds.</summary>
        public async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
        {
            var sipp = FindSipp() ?? throw new InvalidOperationException(
                "sipp is not installed: install the Debian package sip-tester (apt-get install sip-tester); CI installs it.");
            var start = new ProcessStartInfo(sipp)
            {
                WorkingDirectory = Directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (var argument in (string[])[$"127.0.0.1:{Transport.LocalEndPoint.Port}",
                "-i", "127.0.0.1", "-m", "1", "-nostdin", "-timeout", "10s", "-timeout_error", "-recv_timeout", "5s", .. arguments])
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
                throw;
            }

            return (process.ExitCode, await stdout + await stderr);
        }

        public async ValueTask DisposeAsync()
        {
            await Transport.DisposeAsync();
            Manager.Dispose();
            System.IO.Directory.Delete(Directory, recursive: true);
        }

        private static string? FindSipp()
        {
            if (File.Exists("/usr/bin/sipp"))
            {
                return "/usr/bin/sipp";
            }

            foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
            {
                var candidate = Path.Combine(folder, "sipp");
                if (folder.Length > 0 && File.Exists(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }
    }
}
