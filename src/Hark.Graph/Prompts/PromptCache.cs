using Hark.Graph.Outbound;
using Hark.Media.Wav;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hark.Graph.Prompts;

/// <summary>
/// Prompt audio by URI, decoded to mono PCM16 at the call's rate and kept in memory. Entries are keyed by the
/// Graph <c>resourceId</c> when given (else the URI) and the rate; callers asking for the same key while it loads
/// share one fetch; the cache holds at most <see cref="PromptOptions.CacheBytes"/> of audio, dropping the least
/// recently used first. Failures are not kept, so the next request tries again.
/// </summary>
/// <remarks>Thread-safe. The arrays handed out are shared with the cache and other callers: read them, never write.</remarks>
public sealed class PromptCache : IDisposable
{
    private const int MinRate = 8000;
    private const int MaxRate = 48000;

    private readonly PromptFetcher _fetcher;
    private readonly PromptOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<PromptCacheKey, LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _recency = new();
    private readonly Dictionary<PromptCacheKey, Task<short[]>> _loading = [];
    private long _cachedBytes;

    public PromptCache(IHttpClientFactory httpClientFactory, IOptions<PromptOptions> options, TimeProvider timeProvider, ILogger<PromptCache> logger)
    {
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        _fetcher = new PromptFetcher(() => httpClientFactory.CreateClient(PromptServiceCollectionExtensions.HttpClientName), _options, timeProvider);
    }

    /// <summary>Network fetches in flight and waiting for a slot (<see cref="PromptOptions.MaxConcurrentFetches"/>).</summary>
    internal (int InFlight, int Waiting) Fetches => (_fetcher.InFlight, _fetcher.Waiting);

    /// <summary>Bytes of decoded audio held now.</summary>
    internal long CachedBytes
    {
        get
        {
            lock (_lock)
            {
                return _cachedBytes;
            }
        }
    }

    /// <summary>
    /// The prompt at <paramref name="uri"/> as mono PCM16 at <paramref name="sampleRate"/> Hz, from the cache or
    /// fetched now. Cancelling stops this caller's wait; a fetch others share (or that will warm the cache) goes on.
    /// </summary>
    /// <exception cref="PromptLoadException">The prompt cannot be fetched or decoded; the message says why.</exception>
    public Task<short[]> GetAsync(string uri, string? resourceId, int sampleRate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, MinRate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRate, MaxRate);
        ObjectDisposedException.ThrowIf(_shutdown.IsCancellationRequested, this);

        var key = PromptCacheKey.For(uri, resourceId, sampleRate);
        TaskCompletionSource<short[]> load;
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                return Task.FromResult(node.Value.Samples);
            }

            if (_loading.TryGetValue(key, out var pending))
            {
                return pending.WaitAsync(cancellationToken);
            }

            load = new TaskCompletionSource<short[]>(TaskCreationOptions.RunContinuationsAsynchronously);
            _loading.Add(key, load.Task);
        }

        // Started outside the lock: the load may finish synchronously (a data: URI) and then takes the lock itself.
        _ = LoadAsync(key, uri, load);
        return load.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Loads every item into the cache (concurrently) so the first play starts at once. A prompt that fails is logged
    /// and skipped; it is fetched again when played. Only cancellation ends this early.
    /// </summary>
    public async Task PrefetchAsync(IEnumerable<(string Uri, string? ResourceId)> media, int sampleRate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(media);
        await Task.WhenAll(media.Select(item => PrefetchOneAsync(item.Uri, item.ResourceId, sampleRate, cancellationToken)));
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// Fetches and decodes the prompt at <paramref name="uri"/> without caching it, under the same rules as playing
    /// it (address policy, size and time limits, WAV decoding): the file's own format, or why it cannot play.
    /// </summary>
    /// <exception cref="PromptLoadException">The prompt cannot be fetched or decoded; the message says why.</exception>
    public async Task<WavAudio> InspectAsync(string uri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var file = await _fetcher.FetchAsync(uri, cancellationToken).ConfigureAwait(false);
        try
        {
            return WavReader.Read(file);
        }
        catch (WavFormatException ex)
        {
            throw new PromptLoadException(uri, "not a WAV file: " + ex.Message.TrimEnd('.'), ex);
        }
    }

    /// <summary>Stops fetches in progress; their callers see cancellation.</summary>
    /// <remarks>The source is cancelled, not disposed: loads still running read its token as they unwind.</remarks>
    public void Dispose() => _shutdown.Cancel();

    private async Task PrefetchOneAsync(string uri, string? resourceId, int sampleRate, CancellationToken cancellationToken)
    {
        try
        {
            await GetAsync(uri, resourceId, sampleRate, cancellationToken);
        }
        catch (PromptLoadException)
        {
            PromptLog.PrefetchFailed(_logger, UriDisplay.Shorten(uri));
        }
        catch (OperationCanceledException)
        {
            // Reported once by PrefetchAsync.
        }
    }

    private async Task LoadAsync(PromptCacheKey key, string uri, TaskCompletionSource<short[]> load)
    {
        try
        {
            var started = _timeProvider.GetTimestamp();
            var file = await _fetcher.FetchAsync(uri, _shutdown.Token);
            var samples = PromptAudio.Decode(uri, file, key.SampleRate);
            PromptLog.Loaded(_logger, UriDisplay.Shorten(uri), file.Length, samples.Length, key.SampleRate, (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds);
            lock (_lock)
            {
                _loading.Remove(key);
                Store(key, samples);
            }

            load.SetResult(samples);
        }
        catch (Exception ex)
        {
            lock (_lock)
            {
                _loading.Remove(key);
            }

            if (ex is PromptLoadException)
            {
                PromptLog.LoadFailed(_logger, ex.Message);
                load.SetException(ex);
            }
            else if (ex is OperationCanceledException)
            {
                load.TrySetCanceled(_shutdown.Token);
            }
            else
            {
                // A fault in our own code must still reach the caller as a failed prompt, not a 500.
                load.SetException(new PromptLoadException(uri, "it could not be processed: " + ex.Message.TrimEnd('.'), ex));
            }
        }
    }

    private void Store(PromptCacheKey key, short[] samples)
    {
        var bytes = samples.LongLength * sizeof(short);
        if (bytes > _options.CacheBytes)
        {
            return;
        }

        _entries[key] = _recency.AddFirst(new Entry(key, samples, bytes));
        _cachedBytes += bytes;
        while (_cachedBytes > _options.CacheBytes && _recency.Last is { } oldest)
        {
            _recency.RemoveLast();
            _entries.Remove(oldest.Value.Key);
            _cachedBytes -= oldest.Value.Bytes;
            PromptLog.Evicted(_logger, oldest.Value.Key.ToString(), oldest.Value.Key.SampleRate, oldest.Value.Bytes, _options.CacheBytes);
        }
    }

    private sealed record Entry(PromptCacheKey Key, short[] Samples, long Bytes);
}
