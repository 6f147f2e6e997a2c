using Microsoft.Extensions.Logging;

namespace GossipActors.TestKit;

/// <summary>
/// An <see cref="ILoggerProvider"/> that records what was logged, so a test can assert on a warning's level, category
/// and text. Lines are kept in the order they were written; reading takes a copy, so it is safe while actors log.
/// </summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly Lock _gate = new();
    private readonly List<CapturedLogLine> _lines = [];

    public IReadOnlyList<CapturedLogLine> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Capturing(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(CapturedLogLine line)
    {
        lock (_gate)
        {
            _lines.Add(line);
        }
    }

    private sealed class Capturing(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            owner.Add(new CapturedLogLine(category, logLevel, formatter(state, exception), exception));
        }
    }
}

/// <summary>One line recorded by <see cref="CapturingLoggerProvider"/>.</summary>
public sealed record CapturedLogLine(string Category, LogLevel Level, string Message, Exception? Exception);
