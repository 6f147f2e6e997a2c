using Akka.Actor;
using GossipActors.Gossip.Logging;
using Akka.Dispatch;
using Akka.Event;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using AkkaLogLevel = Akka.Event.LogLevel;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace GossipActors.Hosting.Runtime;

/// <summary>
/// Akka's own log events (dead letters, supervision, shutdown) go to the host's <see cref="ILogger"/> under the
/// source's name, so an operator's log configuration and format cover them too, instead of Akka's stdout logger.
/// Named in <c>akka.loggers</c>; Akka starts it with the system and waits for <see cref="LoggerInitialized"/>.
/// </summary>
internal sealed class AkkaLoggerBridge : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    public const string TypeName = "GossipActors.Hosting.Runtime.AkkaLoggerBridge, GossipActors.Hosting";

    public AkkaLoggerBridge()
    {
        var setup = Context.System.Settings.Setup.Get<LoggerFactorySetup>();
        var factory = setup.HasValue ? setup.Value.Factory : NullLoggerFactory.Instance;
        var unreachable = new UnreachablePeerLines();
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(e =>
        {
            if (unreachable.Admit(e.Message?.ToString() ?? string.Empty) is { } line)
            {
                factory.CreateLogger(e.LogSource).Log(LevelOf(e.LogLevel()), e.Cause, "{Message}", line);
            }
        });
    }

    private static LogLevel LevelOf(AkkaLogLevel level) => level switch
    {
        AkkaLogLevel.DebugLevel => LogLevel.Debug,
        AkkaLogLevel.InfoLevel => LogLevel.Information,
        AkkaLogLevel.WarningLevel => LogLevel.Warning,
        _ => LogLevel.Error,
    };
}
