using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Hark.Host.Tests.Operations;

/// <summary>/healthz and /readyz on the real host.</summary>
public sealed class HealthTests : IAsyncLifetime
{
    private TestHark _hark = null!;

    public async Task InitializeAsync() => _hark = await TestHark.StartAsync(null);

    public async Task DisposeAsync() => await _hark.DisposeAsync();

    [Fact]
    public async Task Healthz_Running_Ok()
    {
        using var response = await _hark.Http.GetAsync(_hark.BaseUrl + "/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readyz_Started_ReadyWithEveryCheckPassing()
    {
        using var response = await _hark.Http.GetAsync(_hark.BaseUrl + "/readyz");
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var checks = JsonDocument.Parse(body).RootElement.GetProperty("checks");
        foreach (var name in new[] { "database", "sip", "rtp", "disk", "outbox" })
        {
            Assert.True(checks.GetProperty(name).GetProperty("ok").GetBoolean(), body);
        }

        Assert.Contains("answered OPTIONS (SIP/2.0 200", checks.GetProperty("sip").GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readyz_DatabaseReadOnly_NotReadyUntilWritableAgain()
    {
        var database = Path.Combine(_hark.DataDirectory, "hark.db");
        SetReadOnly(database, true);
        try
        {
            using var response = await _hark.Http.GetAsync(_hark.BaseUrl + "/readyz");
            var body = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            var checks = JsonDocument.Parse(body).RootElement.GetProperty("checks");
            Assert.False(checks.GetProperty("database").GetProperty("ok").GetBoolean(), body);
            Assert.True(checks.GetProperty("sip").GetProperty("ok").GetBoolean(), body);
        }
        finally
        {
            SetReadOnly(database, false);
        }

        using var again = await _hark.Http.GetAsync(_hark.BaseUrl + "/readyz");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Readyz_DiskFloorAboveFreeSpace_NotReady()
    {
        await using var hark = await TestHark.StartAsync(null, "--Hark:Health:MinFreeDiskMegabytes=1000000000000");

        using var response = await hark.Http.GetAsync(hark.BaseUrl + "/readyz");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.False(JsonDocument.Parse(body).RootElement.GetProperty("checks").GetProperty("disk").GetProperty("ok").GetBoolean(), body);
    }

    // Root ignores permission bits, so as root the file is made immutable instead (what a read-only mount does).
    private static void SetReadOnly(string path, bool readOnly)
    {
        if (Environment.IsPrivilegedProcess)
        {
            using var chattr = Process.Start("chattr", [readOnly ? "+i" : "-i", path]);
            chattr.WaitForExit();
            Assert.Equal(0, chattr.ExitCode);
        }
        else if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, readOnly ? UnixFileMode.UserRead : UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
