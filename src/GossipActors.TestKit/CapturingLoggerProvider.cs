using Microsoft.Extensions.Logging;

namespace GossipActors.TestKit;

/// <summary>Keeps every log line written through it, so a test can assert what an actor or the kernel logged.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly List<CapturedLogLine> _lines = [];

    /// <summary>A copy of the lines so far, in the order they were written.</summary>
    public IReadOnlyList<CapturedLogLine> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            lock (owner._lines)
            {
                owner._lines.Add(new CapturedLogLine(category, logLevel, formatter(state, exception), exception));
            }
        }
    }
}

/// <summary>One line captured by <see cref="CapturingLoggerProvider"/>.</summary>
public sealed record CapturedLogLine(string Category, LogLevel Level, string Message, Exception? Exception);
