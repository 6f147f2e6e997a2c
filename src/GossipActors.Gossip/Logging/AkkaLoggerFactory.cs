using Akka.Actor;
using Akka.Event;
using Microsoft.Extensions.Logging;
using AkkaLogLevel = Akka.Event.LogLevel;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace GossipActors.Gossip.Logging;

/// <summary>
/// An <see cref="ILoggerFactory"/> whose loggers write to Akka's logging under the category as log source, so code
/// written against <see cref="ILogger"/> obeys <c>akka.loglevel</c> and <c>akka.loggers</c> like the rest of the system.
/// </summary>
public sealed class AkkaLoggerFactory(ActorSystem system) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new AkkaLogger(global::Akka.Event.Logging.GetLogger(system, categoryName));

    public void AddProvider(ILoggerProvider provider) =>
        throw new NotSupportedException("Akka's loggers are configured with akka.loggers, not with providers");

    public void Dispose()
    {
        // The adapters belong to the ActorSystem.
    }

    private sealed class AkkaLogger(ILoggingAdapter adapter) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && adapter.IsEnabled(LevelOf(logLevel));

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            if (!IsEnabled(logLevel))
            {
                return;
            }

            // Rendered here and passed as an argument: a rendered line may contain braces Akka would read as a template.
            adapter.Log(LevelOf(logLevel), exception, "{0}", formatter(state, exception));
        }

        private static AkkaLogLevel LevelOf(LogLevel level) => level switch
        {
            LogLevel.Trace or LogLevel.Debug => AkkaLogLevel.DebugLevel,
            LogLevel.Information => AkkaLogLevel.InfoLevel,
            LogLevel.Warning => AkkaLogLevel.WarningLevel,
            _ => AkkaLogLevel.ErrorLevel,
        };
    }
}
