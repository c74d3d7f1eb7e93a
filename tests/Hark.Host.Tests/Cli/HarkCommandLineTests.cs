using System.Net;
using System.Net.Sockets;

namespace Hark.Host.Tests.Cli;

/// <summary>The hark command: help, version, check-config, one-line start-up errors with their exit codes, one Hark per data folder.</summary>
public sealed class HarkCommandLineTests : IDisposable
{
    private static readonly TimeSpan Start = TimeSpan.FromSeconds(60);
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "hark-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Help_Asked_ListsKeysDefaultsAndBothDataPaths()
    {
        var (code, output, _) = await RunAsync("--help", $"--Hark:DataDirectory={_dataDirectory}");

        Assert.Equal(0, code);
        Assert.Contains(Path.Combine(_dataDirectory, "hark.db"), output, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_dataDirectory, "recordings"), output, StringComparison.Ordinal);
        Assert.Matches(@"Hark:Calls:AnswerTimeoutSeconds\s+15", output);
        Assert.Matches(@"Hark:Recordings:SampleRate\s+16000", output);
        Assert.Matches(@"Hark:Sip:Port\s+5060", output);
        Assert.Matches(@"Hark:Health:MinFreeDiskMegabytes\s+256", output);
        Assert.Single(output.Split('\n'), l => l.Contains("Hark:Health:MinFreeDiskMegabytes", StringComparison.Ordinal));
        Assert.Matches(@"Hark:Retention:Calls\s+30\.00:00:00", output);
        Assert.Contains("Hark:Outbound:BlockPrivateNetworks", output, StringComparison.Ordinal);
        Assert.Matches(@"Hark:Calls:ToneNotificationsPerSecond\s+10", output);
        Assert.Contains("Hark:Operators:N", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dataDirectory), "help must not create the data directory");
    }

    [Fact]
    public async Task Version_Asked_PrintsTheVersion()
    {
        var (code, output, _) = await RunAsync("--version");

        Assert.Equal(0, code);
        Assert.Equal("hark " + HarkApp.Version, output.Trim());
    }

    [Fact]
    public async Task CheckConfig_Valid_ExitsZeroAndTouchesNothing()
    {
        var (code, output, error) = await RunAsync("check-config", $"--Hark:DataDirectory={_dataDirectory}");

        Assert.True(code == 0, error);
        Assert.Contains("valid", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dataDirectory), "check-config must not create the data directory");
    }

    [Theory]
    [InlineData("--Hark:Calls:AnswerTimeoutSeconds=0", "Hark:Calls:AnswerTimeoutSeconds=0 is invalid: allowed from 1 to 300.")]
    [InlineData("--Hark:Recordings:SampleRate=44100", "Hark:Recordings:SampleRate=44100 is invalid: allowed one of 8000, 16000.")]
    [InlineData("--Hark:Logging:Format=xml", "Hark:Logging:Format=xml is invalid: allowed one of line, json.")]
    [InlineData("--Hark:Calls:AnswerTimeoutSeconds=soon", "Hark:Calls:AnswerTimeoutSeconds")]
    [InlineData("--Hark:Prompts:AllowLinkLocal=true", "Hark:Prompts:AllowLinkLocal=true is no longer supported")]
    [InlineData("--Hark:Retention:Calls=00:00:10", "Hark:Retention:Calls=00:00:10 is invalid")]
    [InlineData("--Hark:Health:MinFreeDiskMegabytes=-1", "Hark:Health:MinFreeDiskMegabytes=-1 is invalid")]
    public async Task CheckConfig_Invalid_ExitCode2AndOneLineNamingTheKey(string setting, string says)
    {
        var (code, _, error) = await RunAsync("check-config", $"--Hark:DataDirectory={_dataDirectory}", setting);

        Assert.Equal(2, code);
        Assert.Contains(says, error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Run_InvalidValue_ExitCode2OneLineNoStackTrace()
    {
        using var hark = HarkProcess.StartBuilt("--urls", "http://127.0.0.1:0", $"--Hark:DataDirectory={_dataDirectory}", "--Hark:Calls:AnswerTimeoutSeconds=0");

        var code = await hark.WaitForExitAsync(Start);

        Assert.Equal(2, code);
        var error = Assert.Single(hark.Errors);
        Assert.StartsWith("hark: Hark:Calls:AnswerTimeoutSeconds=0 is invalid: allowed from 1 to 300.", error, StringComparison.Ordinal);
        Assert.DoesNotContain(hark.Output.Concat(hark.Errors), l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_HttpPortInUse_ExitCode4AndOneLine()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        using var hark = HarkProcess.StartBuilt("--urls", $"http://127.0.0.1:{port}", "--Hark:Sip:Port=0", $"--Hark:DataDirectory={_dataDirectory}");

        var code = await hark.WaitForExitAsync(Start);

        Assert.Equal(4, code);
        var error = Assert.Single(hark.Errors);
        Assert.Contains($"127.0.0.1:{port}", error, StringComparison.Ordinal);
        Assert.Contains("address already in use", error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Run_SecondInstanceOnTheSameDataDirectory_FailsAtOnceNamingFolderAndOwnerAndChangesNothing()
    {
        using var first = HarkProcess.StartBuilt("--urls", "http://127.0.0.1:0", "--Hark:Sip:Port=0", $"--Hark:DataDirectory={_dataDirectory}");
        var url = await first.WaitForListeningAsync(Start);
        await first.WaitForLineAsync(l => l.Contains("No application configured", StringComparison.Ordinal), Start);

        // The first instance checkpoints its own start-up writes into hark.db up to a second later (the WAL loop in
        // SqliteCallStore); wait for its folder to be quiet, so what is compared is only what the second could change.
        var before = await QuietSnapshotAsync();

        using var second = HarkProcess.StartBuilt("--urls", "http://127.0.0.1:0", "--Hark:Sip:Port=0", $"--Hark:DataDirectory={_dataDirectory}");
        var code = await second.WaitForExitAsync(Start);

        Assert.Equal(3, code);
        var error = Assert.Single(second.Errors);
        Assert.Contains(_dataDirectory, error, StringComparison.Ordinal);
        Assert.Contains($"pid {first.Id}", error, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
        Assert.False(first.HasExited);
        using var http = new HttpClient();
        Assert.Equal("ok", (await http.GetStringAsync(url + "/healthz")).Trim());

        first.Terminate();
        Assert.Equal(0, await first.WaitForExitAsync(Start));
    }

    private async Task<string> QuietSnapshotAsync()
    {
        var quietFor = TimeSpan.FromSeconds(2.5);
        var deadline = DateTime.UtcNow + Start;
        var last = Snapshot();
        var since = DateTime.UtcNow;
        while (DateTime.UtcNow - since < quietFor)
        {
            Assert.True(DateTime.UtcNow < deadline, "the first instance's data folder never stopped changing");
            await Task.Delay(250);
            var now = Snapshot();
            if (now != last)
            {
                (last, since) = (now, DateTime.UtcNow);
            }
        }

        return last;
    }

    private string Snapshot() => string.Join('\n', Directory.GetFiles(_dataDirectory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
        .Select(f => $"{f} {new FileInfo(f).Length} {File.GetLastWriteTimeUtc(f):O}"));

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await Host.Cli.HarkCommandLine.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
