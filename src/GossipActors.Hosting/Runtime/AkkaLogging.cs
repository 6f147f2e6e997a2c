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
internal sealed class AkkaLoggerBridge : UntypedActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    public const string TypeName = "GossipActors.Hosting.Runtime.AkkaLoggerBridge, GossipActors.Hosting";

    private readonly ILoggerFactory _factory;
    private readonly UnreachablePeerLines _unreachable = new();

    // An UntypedActor, not a ReceiveActor: Akka compiles a ReceiveActor's dispatch from an expression tree, which a
    // natively compiled node interprets on every message.
    public AkkaLoggerBridge()
    {
        var setup = Context.System.Settings.Setup.Get<LoggerFactorySetup>();
        _factory = setup.HasValue ? setup.Value.Factory : NullLoggerFactory.Instance;
    }

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case InitializeLogger:
                Sender.Tell(new LoggerInitialized());
                break;
            case LogEvent e:
                Write(e);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void Write(LogEvent e)
    {
        if (_unreachable.Admit(e.Message?.ToString() ?? string.Empty) is not { } line)
        {
            return;
        }

        var logger = _factory.CreateLogger(e.LogSource);
        if (IsExpectedDisconnect(e.Cause))
        {
            // A peer went away: a fact about the network, logged once as a warning, not a failure with a stack trace.
            logger.Log(LogLevel.Warning, "{Message}: {Reason}", line, e.Cause!.Message);
            return;
        }

        logger.Log(LevelOf(e.LogLevel()), e.Cause, "{Message}", line);
    }

    /// <summary>Akka.Remote's exceptions for an association that ended or could not be made: expected, whatever their level.</summary>
    private static bool IsExpectedDisconnect(Exception? cause) =>
        cause?.GetType().FullName is "Akka.Remote.EndpointDisassociatedException" or "Akka.Remote.ShutDownAssociation"
            or "Akka.Remote.Transport.InvalidAssociationException" or "Akka.Remote.InvalidAssociation";

    private static LogLevel LevelOf(AkkaLogLevel level) => level switch
    {
        AkkaLogLevel.DebugLevel => LogLevel.Debug,
        AkkaLogLevel.InfoLevel => LogLevel.Information,
        AkkaLogLevel.WarningLevel => LogLevel.Warning,
        _ => LogLevel.Error,
    };
}
