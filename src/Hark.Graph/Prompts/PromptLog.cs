using Microsoft.Extensions.Logging;

namespace Hark.Graph.Prompts;

/// <summary>Prompt loading log messages; event ids are stable (31xx = prompts).</summary>
internal static partial class PromptLog
{
    [LoggerMessage(3100, LogLevel.Debug, "Prompt {Uri} loaded: {Bytes} bytes, {Samples} samples at {SampleRate} Hz, in {ElapsedMs} ms")]
    public static partial void Loaded(ILogger logger, string uri, int bytes, int samples, int sampleRate, long elapsedMs);

    [LoggerMessage(3101, LogLevel.Warning, "{Message}")]
    public static partial void LoadFailed(ILogger logger, string message);

    [LoggerMessage(3102, LogLevel.Debug, "Prompt cache evicted {Key} at {SampleRate} Hz ({Bytes} bytes) to stay within {CacheBytes} bytes")]
    public static partial void Evicted(ILogger logger, string key, int sampleRate, long bytes, long cacheBytes);

    [LoggerMessage(3103, LogLevel.Information, "Prefetching prompt {Uri} failed; it will be fetched again when played")]
    public static partial void PrefetchFailed(ILogger logger, string uri);
}
