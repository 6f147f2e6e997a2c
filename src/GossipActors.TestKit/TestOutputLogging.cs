using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace GossipActors.TestKit;

/// <summary>Writes log lines to an xunit test's output, stamped with virtual time.</summary>
internal sealed class TestOutputLoggerProvider(ITestOutputHelper output, TimeProvider time, LogLevel minimum) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new TestOutputLogger(output, time, minimum, categoryName);

    public void Dispose()
    {
    }

    private sealed class TestOutputLogger(ITestOutputHelper output, TimeProvider time, LogLevel minimum, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var line = $"{time.GetUtcNow():HH:mm:ss.fff} {logLevel,-11} [{category}] {formatter(state, exception)}";
            if (exception is not null)
            {
                line += Environment.NewLine + exception;
            }

            try
            {
                output.WriteLine(line);
            }
            catch (InvalidOperationException)
            {
                // The test already finished; xunit refuses late output.
            }
        }
    }
}
