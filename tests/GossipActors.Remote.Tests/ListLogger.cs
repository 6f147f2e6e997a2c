using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace GossipActors.Remote.Tests;

/// <summary>Collects formatted log lines so tests can check what an operator would read.</summary>
internal sealed class ListLogger : ILogger
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _lines.Enqueue($"{logLevel}: {formatter(state, exception)}{(exception is null ? string.Empty : $" ({exception.GetType().Name}: {exception.Message})")}");

    public bool Contains(string text) => _lines.Any(l => l.Contains(text, StringComparison.Ordinal));
}
