using Hark.Graph.Outbound;
using Hark.Graph.Prompts;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hark.Graph.Tests.Prompts;

[Collection(PromptServerCollection.Name)]
public sealed class PromptCacheTests(PromptTestServer server) : IDisposable
{
    private readonly PromptCacheFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task GetAsync_ResourceIdGiven_FetchesOnceForTwoRequests()
    {
        var cache = _factory.Create();
        var url = server.Serve(TestAudio.Pcm16Wav(8000, TestAudio.Tone(8000, 440, 0.1)));
        var other = server.Missing();

        var first = await cache.GetAsync(url, "greeting", 8000, CancellationToken.None);
        var second = await cache.GetAsync(other, "greeting", 8000, CancellationToken.None);

        Assert.Same(first, second);
        Assert.Equal(1, server.Requests(url));
        Assert.Equal(0, server.Requests(other));
    }

    [Fact]
    public async Task GetAsync_NoResourceId_CachesByUri()
    {
        var cache = _factory.Create();
        var url = server.Serve(TestAudio.Pcm16Wav(8000, TestAudio.Tone(8000, 440, 0.1)));

        await cache.GetAsync(url, null, 8000, CancellationToken.None);
        await cache.GetAsync(url, null, 8000, CancellationToken.None);

        Assert.Equal(1, server.Requests(url));
    }

    [Fact]
    public async Task GetAsync_OtherSampleRate_IsSeparateEntry()
    {
        var cache = _factory.Create();
        var url = server.Serve(TestAudio.Pcm16Wav(16000, TestAudio.Tone(16000, 440, 0.1)));

        var narrow = await cache.GetAsync(url, "r", 8000, CancellationToken.None);
        var wide = await cache.GetAsync(url, "r", 16000, CancellationToken.None);

        Assert.Equal(800, narrow.Length);
        Assert.Equal(1600, wide.Length);
        Assert.Equal(2, server.Requests(url));
    }

    [Fact]
    public async Task GetAsync_ConcurrentRequestsForOneKey_ShareOneFetch()
    {
        var cache = _factory.Create();
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var body = TestAudio.Pcm16Wav(8000, TestAudio.Tone(8000, 440, 0.1));
        var url = server.Route(async context =>
        {
            arrived.TrySetResult();
            await release.Task.WaitAsync(context.RequestAborted);
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        });

        var requests = Enumerable.Range(0, 5).Select(_ => cache.GetAsync(url, null, 8000, CancellationToken.None)).ToArray();
        await arrived.Task;
        release.SetResult();
        var results = await Task.WhenAll(requests);

        Assert.All(results, r => Assert.Same(results[0], r));
        Assert.Equal(800, results[0].Length);
        Assert.Equal(1, server.Requests(url));
    }

    [Fact]
    public async Task GetAsync_OverCacheBytes_EvictsLeastRecentlyUsed()
    {
        // Each prompt is 1000 samples = 2000 bytes at 8 kHz; the cache holds two.
        var cache = _factory.Create(o => o.CacheBytes = 4000);
        var wav = TestAudio.Pcm16Wav(8000, TestAudio.Tone(8000, 440, 0.125));
        var (a, b, c) = (server.Serve(wav), server.Serve(wav), server.Serve(wav));

        await cache.GetAsync(a, null, 8000, CancellationToken.None);
        await cache.GetAsync(b, null, 8000, CancellationToken.None);
        await cache.GetAsync(a, null, 8000, CancellationToken.None);
        await cache.GetAsync(c, null, 8000, CancellationToken.None);
        await cache.GetAsync(a, null, 8000, CancellationToken.None);
        await cache.GetAsync(c, null, 8000, CancellationToken.None);
        await cache.GetAsync(b, null, 8000, CancellationToken.None);

        Assert.Equal(1, server.Requests(a));
        Assert.Equal(1, server.Requests(c));
        Assert.Equal(2, server.Requests(b));
        Assert.True(cache.CachedBytes <= 4000, $"{cache.CachedBytes} bytes cached");
    }

    [Fact]
    public async Task GetAsync_PromptLargerThanCache_IsServedButNotKept()
    {
        var cache = _factory.Create(o => o.CacheBytes = 1000);
        var url = server.Serve(TestAudio.Pcm16Wav(8000, TestAudio.Tone(8000, 440, 0.125)));

        await cache.GetAsync(url, null, 8000, CancellationToken.None);
        var again = await cache.GetAsync(url, null, 8000, CancellationToken.None);

        Assert.Equal(1000, again.Length);
        Assert.Equal(2, server.Requests(url));
        Assert.Equal(0, cache.CachedBytes);
    }

    [Fact]
    public async Task GetAsync_AfterFailure_FetchesAgain()
    {
        var cache = _factory.Create();
        var body = TestAudio.Pcm16Wav(8000, TestAudio.Tone(8000, 440, 0.1));
        var calls = 0;
        var url = server.Route(async context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        });

        var failure = await Assert.ThrowsAsync<PromptLoadException>(() => cache.GetAsync(url, "r", 8000, CancellationToken.None));
        var samples = await cache.GetAsync(url, "r", 8000, CancellationToken.None);

        Assert.Contains("HTTP 503", failure.Message, StringComparison.Ordinal);
        Assert.Equal(800, samples.Length);
        Assert.Equal(2, server.Requests(url));
    }

    [Fact]
    public async Task GetAsync_CallerCancels_SharedFetchStillFillsCache()
    {
        var cache = _factory.Create();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var body = TestAudio.Pcm16Wav(8000, TestAudio.Tone(8000, 440, 0.1));
        var url = server.Route(async context =>
        {
            await release.Task.WaitAsync(context.RequestAborted);
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        });
        using var cancel = new CancellationTokenSource();

        var impatient = cache.GetAsync(url, null, 8000, cancel.Token);
        var patient = cache.GetAsync(url, null, 8000, CancellationToken.None);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient);
        release.SetResult();

        Assert.Equal(800, (await patient).Length);
        Assert.Equal(1, server.Requests(url));
    }

    [Fact]
    public async Task Dispose_FetchInProgress_CallerSeesCancellation()
    {
        var cache = _factory.Create();
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var url = server.Route(async context =>
        {
            arrived.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });

        var pending = cache.GetAsync(url, null, 8000, CancellationToken.None);
        await arrived.Task;
        cache.Dispose();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        Assert.Throws<ObjectDisposedException>(() => { _ = cache.GetAsync(url, null, 8000, CancellationToken.None); });
    }

    [Fact]
    public async Task PrefetchAsync_BadItemAmongGood_WarmsTheGoodOnesWithoutThrowing()
    {
        var cache = _factory.Create();
        var wav = TestAudio.Pcm16Wav(16000, TestAudio.Tone(16000, 440, 0.1));
        var (a, b, missing) = (server.Serve(wav), server.Serve(wav), server.Missing());

        await cache.PrefetchAsync([(a, "a"), (missing, null), ("ftp://example.com/x.wav", null), (b, null)], 8000, CancellationToken.None);
        await cache.GetAsync(a, "a", 8000, CancellationToken.None);
        await cache.GetAsync(b, null, 8000, CancellationToken.None);

        Assert.Equal(1, server.Requests(a));
        Assert.Equal(1, server.Requests(b));
        Assert.Equal(1, server.Requests(missing));
    }

    [Fact]
    public async Task AddHarkPrompts_SectionSet_BindsOptions()
    {
        var provider = _factory.CreateProvider(settings: new Dictionary<string, string?>
        {
            ["Hark:Prompts:FetchTimeout"] = "00:00:03",
            ["Hark:Prompts:MaxBytes"] = "2048",
            ["Hark:Prompts:CacheBytes"] = "4096",
            ["Hark:Prompts:MaxConcurrentFetches"] = "3",
            ["Hark:Outbound:BlockPrivateNetworks"] = "true",
        });
        var options = provider.GetRequiredService<IOptions<PromptOptions>>().Value;
        var url = server.Serve(TestAudio.Pcm16Wav(8000, TestAudio.Tone(8000, 440, 0.01)));

        var failure = await Assert.ThrowsAsync<PromptLoadException>(
            () => provider.GetRequiredService<PromptCache>().GetAsync(url, null, 8000, CancellationToken.None));

        Assert.Equal((TimeSpan.FromSeconds(3), 2048, 4096L, 3),
            (options.FetchTimeout, options.MaxBytes, options.CacheBytes, options.MaxConcurrentFetches));
        Assert.Contains("address 127.0.0.1 is loopback and not allowed", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.Requests(url));
    }

    [Fact]
    public async Task GetAsync_MoreFetchesThanMaxConcurrentFetches_TheRestWaitForASlot()
    {
        var cache = _factory.Create(o => o.MaxConcurrentFetches = 1);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var wav = TestAudio.Pcm16Wav(8000, TestAudio.Tone(8000, 440, 0.01));
        var held = server.Route(async context =>
        {
            await release.Task;
            context.Response.ContentLength = wav.Length;
            await context.Response.Body.WriteAsync(wav);
        });
        var other = server.Serve(wav);

        var first = cache.GetAsync(held, null, 8000, CancellationToken.None);
        await Eventually(() => server.Requests(held) == 1);
        var second = cache.GetAsync(other, null, 8000, CancellationToken.None);
        await Eventually(() => cache.Fetches == (1, 1));

        Assert.Equal(0, server.Requests(other));
        release.SetResult();
        await first;
        await second;
        Assert.Equal(1, server.Requests(other));
        Assert.Equal((0, 0), cache.Fetches);
    }

    // Waits for a condition; the deadline only guards against a hang.
    private static async Task Eventually(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(5, deadline.Token);
        }
    }

    [Fact]
    public async Task AddHarkPrompts_DeprecatedPromptsBlockPrivateNetworks_StillHonoured()
    {
        var provider = _factory.CreateProvider(settings: new Dictionary<string, string?> { ["Hark:Prompts:BlockPrivateNetworks"] = "true" });
        var url = server.Serve(TestAudio.Pcm16Wav(8000, TestAudio.Tone(8000, 440, 0.01)));

        var failure = await Assert.ThrowsAsync<PromptLoadException>(
            () => provider.GetRequiredService<PromptCache>().GetAsync(url, null, 8000, CancellationToken.None));

        Assert.True(provider.GetRequiredService<IOptions<OutboundOptions>>().Value.BlockPrivateNetworks);
        Assert.Contains("address 127.0.0.1 is loopback and not allowed", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddHarkPrompts_OutboundKeySet_WinsOverTheDeprecatedOne()
    {
        var provider = _factory.CreateProvider(settings: new Dictionary<string, string?>
        {
            ["Hark:Prompts:BlockPrivateNetworks"] = "true",
            ["Hark:Outbound:BlockPrivateNetworks"] = "false",
        });

        Assert.False(provider.GetRequiredService<IOptions<OutboundOptions>>().Value.BlockPrivateNetworks);
    }

    [Fact]
    public void AddHarkPrompts_AllowLinkLocalTrue_RefusedNamingTheKey()
    {
        var provider = _factory.CreateProvider(settings: new Dictionary<string, string?> { ["Hark:Prompts:AllowLinkLocal"] = "true" });

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<OutboundOptions>>().Value);

        Assert.Contains("Hark:Prompts:AllowLinkLocal=true is no longer supported", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddHarkPrompts_MaxBytesTooSmall_FailsValidation()
    {
        var provider = _factory.CreateProvider(settings: new Dictionary<string, string?> { ["Hark:Prompts:MaxBytes"] = "10" });

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PromptOptions>>().Value);

        Assert.Contains("MaxBytes", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PromptOptions_Defaults_MatchTheDocumentedValues()
    {
        var options = new PromptOptions();

        Assert.Equal(TimeSpan.FromSeconds(10), options.FetchTimeout);
        Assert.Equal(16 * 1024 * 1024, options.MaxBytes);
        Assert.Equal(256L * 1024 * 1024, options.CacheBytes);
        Assert.Equal(16, options.MaxConcurrentFetches);
        Assert.False(new OutboundOptions().BlockPrivateNetworks);
    }
}
