using Microsoft.Playwright;

namespace Hark.Host.Tests.WebConsole;

/// <summary>
/// Debian's chromium driven by Playwright (its own browser download is not reachable in CI): headless, and without
/// the sandbox, which chromium cannot use as root (CI runs as root). <c>HARK_CHROMIUM</c> points elsewhere.
/// </summary>
public sealed class ConsoleBrowser : IAsyncDisposable
{
    public const string DefaultExecutable = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;

    private ConsoleBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    /// <summary>Where screenshots of failed console tests go (under the test's output folder).</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "console-screenshots");

    public static async Task<ConsoleBrowser> LaunchAsync()
    {
        var executable = Environment.GetEnvironmentVariable("HARK_CHROMIUM") ?? DefaultExecutable;
        Assert.True(File.Exists(executable), $"{executable} is missing: scripts/test installs Debian's chromium package.");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            // --disable-dev-shm-usage: containers often give /dev/shm only 64 MB, too little for chromium.
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--autoplay-policy=no-user-gesture-required", "--mute-audio"],
        });
        return new ConsoleBrowser(playwright, browser);
    }

    /// <summary>Runs <paramref name="test"/>; when it fails, every open page is saved as a PNG named after the test.</summary>
    public async Task WithScreenshotsOnFailureAsync(IBrowserContext context, string testName, Func<Task> test)
    {
        try
        {
            await test();
        }
        catch
        {
            await ScreenshotsAsync(context, testName + "-failed");
            throw;
        }

        // HARK_CONSOLE_SCREENSHOTS=1 keeps them for a passing run too (to look at the console).
        if (Environment.GetEnvironmentVariable("HARK_CONSOLE_SCREENSHOTS") == "1")
        {
            await ScreenshotsAsync(context, testName);
        }
    }

    private static async Task ScreenshotsAsync(IBrowserContext context, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var index = 0;
        foreach (var page in context.Pages)
        {
            var file = Path.Combine(ScreenshotDirectory, $"{name}-{index++}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
            Console.Error.WriteLine($"Console screenshot: {file}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
