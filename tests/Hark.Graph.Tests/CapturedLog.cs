using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Hark.Graph.Tests;

/// <summary>Every log event, formatted with its level, category, event id and exception, for tests that read the log.</summary>
internal sealed class CapturedLog : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, int EventId, string Line)> _events = new();

    public IReadOnlyList<(LogLevel Level, int EventId, string Line)> Events => [.. _events];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _events);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(LogLevel, int, string)> events) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            events.Enqueue((logLevel, eventId.Id, $"{logLevel} {category}[{eventId.Id}] {formatter(state, exception)} {exception}"));
    }
}
