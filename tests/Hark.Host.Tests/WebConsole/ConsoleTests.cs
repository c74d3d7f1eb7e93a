using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Hark.Host.Operations;
using Hark.Host.Tests.Operations;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hark.Host.Tests.WebConsole;

/// <summary>
/// The web console in a real browser (Debian's chromium through Playwright) against the real host: an operator signs
/// in, starts a virtual call that a bot answers and records, watches it appear and end live, opens its timeline,
/// plays and downloads its recording. Screenshots of the pages are saved when a test fails.
/// </summary>
public sealed partial class ConsoleTests : IAsyncLifetime
{
    private Operations.NotificationReceiver _receiver = null!;
    private TestHark _hark = null!;
    private ConsoleBrowser _browser = null!;
    private string _operatorKey = "";

    public async Task InitializeAsync()
    {
        SetDefaultExpectTimeout(30_000);
        _receiver = await Operations.NotificationReceiver.StartAsync();
        _hark = await TestHark.StartAsync(_receiver.CallbackUri);
        _operatorKey = OperatorDirectory.ReadDevelopment(_hark.DataDirectory).Key;
        _browser = await ConsoleBrowser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _hark.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task Console_VirtualCallRecorded_AppearsEndsAndItsRecordingPlaysAndDownloads()
    {
        await using var context = await _browser.Browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true });
        var requested = new List<string>();
        context.Request += (_, request) => requested.Add(request.Url);
        await _browser.WithScreenshotsOnFailureAsync(context, nameof(Console_VirtualCallRecorded_AppearsEndsAndItsRecordingPlaysAndDownloads), async () =>
        {
            // The operator watches the calls list (loaded while there is no call: the call arrives by live update).
            var watcher = await SignedInPageAsync(context);
            await Expect(watcher.Locator("#live-status")).ToHaveAttributeAsync("data-live", "true");
            await Expect(watcher.GetByRole(AriaRole.Heading, new() { Name = "Calls", Exact = true })).ToBeVisibleAsync();

            // ...and in a second tab starts a virtual call from the launcher, with the voicemail preset.
            var launcher = await SignedInPageAsync(context);
            await launcher.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Virtual caller" }).ClickAsync();
            await Expect(launcher.GetByLabel("Ring")).ToContainTextAsync("bot");
            await launcher.GetByLabel("Ring").SelectOptionAsync(new SelectOptionValue { Label = "bot (application directly, takes any number)" });
            await Expect(launcher.GetByLabel("Script preset")).ToHaveValueAsync(new Regex("voicemail"));
            await launcher.GetByRole(AriaRole.Button, new() { Name = "Start call" }).ClickAsync();
            await Expect(launcher.Locator("#sim-run")).ToHaveAttributeAsync("data-call-id", new Regex(".+"));
            var callId = await launcher.Locator("#sim-run").GetAttributeAsync("data-call-id");

            // The bot answers and records until the caller presses #.
            var row = watcher.Locator($"#calls-table tr[data-call-id='{callId}']");
            await Expect(row).ToBeVisibleAsync();
            await AnswerAndRecordAsync(callId!);
            await Expect(row).ToHaveAttributeAsync("data-state", "terminated", new() { Timeout = 60_000 });
            await Expect(launcher.Locator("#sim-run")).ToHaveAttributeAsync("data-state", "ended");
            await Expect(launcher.Locator("#sim-heard article.recording")).ToHaveAttributeAsync("data-ready", "true");

            // Its timeline: Graph requests, the record operation, the recording, notifications and their deliveries.
            await row.GetByRole(AriaRole.Link).ClickAsync();
            await Expect(watcher.Locator("#call-title")).ToHaveTextAsync($"Call {callId}");
            foreach (var kind in new[] { "call", "graph", "operation", "recording", "notification" })
            {
                await Expect(watcher.Locator($"#timeline li[data-kind='{kind}']").First).ToBeVisibleAsync();
            }

            await Expect(watcher.Locator("#timeline li[data-kind='graph']").First).ToContainTextAsync("/answer");
            await Expect(watcher.Locator("#timeline li[data-kind='notification']").Last).ToContainTextAsync("delivered");
            await AssertAccessibleAsync(launcher, "the virtual caller after its call");

            // The recording: the audio element loads the WAV and has its duration, and plays.
            using var admin = new HttpClient();
            admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _operatorKey);
            var recording = JsonDocument.Parse(await admin.GetStringAsync($"{_hark.BaseUrl}/hark/v1/admin/recordings?callId={callId}")).RootElement.GetProperty("value")[0];
            var expectedSeconds = recording.GetProperty("durationSeconds").GetDouble();
            var wav = await admin.GetByteArrayAsync(_hark.BaseUrl + recording.GetProperty("content").GetString());
            var player = watcher.Locator("#call-recordings article.recording");
            await Expect(player).ToHaveAttributeAsync("data-ready", "true");
            var audio = player.Locator("audio");
            await audio.EvaluateAsync("a => a.readyState >= 1 ? null : new Promise(r => a.addEventListener('loadedmetadata', r, { once: true }))");
            var duration = await audio.EvaluateAsync<double>("a => a.duration");
            Assert.InRange(duration, expectedSeconds - 0.01, expectedSeconds + 0.01);
            Assert.True(expectedSeconds > 0.5, $"the recording holds the caller's voice: {expectedSeconds} s");
            await audio.EvaluateAsync("a => a.play()");
            await Expect(audio).ToHaveJSPropertyAsync("paused", false);

            // The waveform was drawn from the WAV (some column is not blank).
            Assert.True(await player.Locator("canvas").EvaluateAsync<bool>(
                "c => c.getContext('2d').getImageData(0, 0, c.width, c.height).data.some((v, i) => i % 4 === 3 && v > 0)"));

            // Download: the bytes are the WAV the operator API serves.
            var download = await watcher.RunAndWaitForDownloadAsync(() => player.GetByRole(AriaRole.Link, new() { Name = "Download WAV" }).ClickAsync());
            Assert.Equal($"recording-{recording.GetProperty("id").GetString()}.wav", download.SuggestedFilename);
            Assert.Equal(wav, await File.ReadAllBytesAsync((await download.PathAsync())!));
            await AssertAccessibleAsync(watcher, "a call with its timeline and recording");
        });

        // Offline: the console fetched nothing but Hark itself (and its own blob: URLs).
        Assert.All(requested, url => Assert.True(url.StartsWith(_hark.BaseUrl, StringComparison.Ordinal) || url.StartsWith("blob:", StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal), url));
    }

    [Fact]
    public async Task Console_WrongKeyThenKeyboardOnlyInANarrowWindow_RefusedThenSignedInWithoutSideScrolling()
    {
        await using var context = await _browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 360, Height = 740 } });
        await _browser.WithScreenshotsOnFailureAsync(context, nameof(Console_WrongKeyThenKeyboardOnlyInANarrowWindow_RefusedThenSignedInWithoutSideScrolling), async () =>
        {
            var page = await context.NewPageAsync();
            var response = await page.GotoAsync(_hark.BaseUrl + "/console");
            Assert.Contains("default-src 'self'", await response!.HeaderValueAsync("content-security-policy") ?? "", StringComparison.Ordinal);

            // A bot's token is no operator key.
            await page.GetByLabel("Operator key").FillAsync(await _hark.BotTokenAsync());
            await page.GetByLabel("Operator key").PressAsync("Enter");
            await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("That operator key was refused.");
            await Expect(page.Locator("#sections")).ToBeHiddenAsync();

            // Keyboard only: the key field has focus again; type, Enter, then Tab through to the sections.
            await Expect(page.GetByLabel("Operator key")).ToBeFocusedAsync();
            await page.Keyboard.TypeAsync(_operatorKey);
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Calls", Exact = true })).ToBeFocusedAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Webhooks" }).FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Webhook deliveries" })).ToBeFocusedAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Webhooks" })).ToHaveAttributeAsync("aria-current", "page");

            foreach (var section in new[] { "#calls", "#webhooks", "#recordings", "#simulator" })
            {
                await page.GotoAsync(_hark.BaseUrl + "/console/" + section);
                var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                Assert.True(overflow <= 0, $"{section} scrolls sideways by {overflow} px at 360 px wide");
                await AssertAccessibleAsync(page, section + " at 360 px");
            }

            // Every form control has a label.
            var unlabelled = await page.EvaluateAsync<string[]>(
                "() => [...document.querySelectorAll('input, select, textarea')].filter(e => !e.labels?.length && !e.getAttribute('aria-label')).map(e => e.id)");
            Assert.Empty(unlabelled);
        });
    }

    /// <summary>axe-core finds no serious or critical fault (contrast, names, roles, labels, landmarks...).</summary>
    private static async Task AssertAccessibleAsync(IPage page, string where)
    {
        var result = await page.RunAxe();
        var faults = result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help}: {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")
            .ToList();
        Assert.True(faults.Count == 0, $"{where}:\n{string.Join("\n", faults)}");
    }

    private async Task<IPage> SignedInPageAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(_hark.BaseUrl + "/console/");
        await page.GetByLabel("Operator key").FillAsync(_operatorKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Sections" })).ToBeVisibleAsync();
        return page;
    }

    private async Task AnswerAndRecordAsync(string callId)
    {
        using var bot = new HttpClient();
        bot.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _hark.BotTokenAsync());
        var callUrl = $"{_hark.BaseUrl}/v1.0/communications/calls/{callId}";
        using (var answer = await bot.PostAsync(callUrl + "/answer", TestHark.Json(
            $$"""{"callbackUri":"{{_receiver.CallbackUri}}","mediaConfig":{"@odata.type":"#microsoft.graph.serviceHostedMediaConfig"},"acceptedModalities":["audio"]}""")))
        {
            Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (JsonDocument.Parse(await bot.GetStringAsync(callUrl)).RootElement.GetProperty("state").GetString() != "established")
        {
            Assert.True(DateTime.UtcNow < deadline, "The call was never established.");
            await Task.Delay(50);
        }

        using var record = await bot.PostAsync(callUrl + "/recordResponse", TestHark.Json(
            """{"playBeep":true,"initialSilenceTimeoutInSeconds":5,"maxSilenceTimeoutInSeconds":5,"maxRecordDurationInSeconds":10,"stopTones":["#"],"clientContext":"console-test"}"""));
        Assert.True(record.IsSuccessStatusCode, await record.Content.ReadAsStringAsync());
    }
}
