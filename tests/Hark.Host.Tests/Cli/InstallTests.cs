using System.Diagnostics;
using System.Net;
using Hark.Testing;

namespace Hark.Host.Tests.Cli;

/// <summary>
/// The publish recipe and deploy/install.sh into a temporary prefix, then the installed hark started from there.
/// Framework-dependent with --no-build: it reuses the Release build the tests run on (a self-contained publish
/// compiles a second, runtime-specific build, minutes on a CI machine); the unit and recipe are the same otherwise.
/// </summary>
public sealed class InstallTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "hark-install-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Install_PublishedBuildUnderAPrefix_StartsReadyAndStopsOnSigterm()
    {
        var published = Path.Combine(_root, "publish");
        var prefix = Path.Combine(_root, "prefix");
        Run(Path.Combine(RepositoryPaths.Root, "scripts", "publish"), published, "--framework-dependent", "--no-build");
        Run(Path.Combine(RepositoryPaths.Root, "deploy", "install.sh"), "--from", published, "--prefix", prefix, "--no-systemd");
        var data = Path.Combine(_root, "state");

        using var hark = HarkProcess.Start(
            Path.Combine(prefix, "opt", "hark", "hark"),
            ["--urls", "http://127.0.0.1:0", "--Hark:Sip:Port=0", $"--Hark:DataDirectory={data}"],
            workingDirectory: Path.Combine(prefix, "etc", "hark"));
        var url = await hark.WaitForListeningAsync(TimeSpan.FromSeconds(60));
        using var http = new HttpClient();
        using var ready = await http.GetAsync(url + "/readyz");

        Assert.True(ready.StatusCode == HttpStatusCode.OK, await ready.Content.ReadAsStringAsync());
        Assert.True(File.Exists(Path.Combine(data, "hark.db")));

        // The web console comes with the binary (embedded), whatever the working directory.
        using var console = await http.GetAsync(url + "/console/app.js");
        Assert.Equal(HttpStatusCode.OK, console.StatusCode);
        hark.Terminate();
        Assert.Equal(0, await hark.WaitForExitAsync(TimeSpan.FromSeconds(45)));
    }

    private static void Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.Root };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} failed ({process.ExitCode}):\n{output.Result}\n{error.Result}");
    }
}
