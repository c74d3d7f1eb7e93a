using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Hark.Sip.Tests.Transport;

/// <summary>A logger that keeps every event (level, id, text, exception) for a test to look at.</summary>
internal sealed class ListLogger : ILogger
{
    public ConcurrentQueue<(LogLevel Level, int Id, string Text, Exception? Exception)> Events { get; } = new();

    public IEnumerable<string> At(LogLevel level) => Events.Where(e => e.Level == level).Select(e => e.Text);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Events.Enqueue((logLevel, eventId.Id, formatter(state, exception), exception));
}
