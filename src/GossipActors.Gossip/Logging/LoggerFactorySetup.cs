using Akka.Actor;
using Akka.Actor.Setup;
using Microsoft.Extensions.Logging;

namespace GossipActors.Gossip.Logging;

/// <summary>
/// Carries a host's <see cref="ILoggerFactory"/> into an ActorSystem (in its <c>BootstrapSetup</c>): the gossip tree,
/// the transport and the logger bridge find it there. Without it, see <see cref="For"/>.
/// </summary>
public sealed class LoggerFactorySetup(ILoggerFactory factory) : Setup
{
    public ILoggerFactory Factory { get; } = factory;

    /// <summary>
    /// The factory our components log through in <paramref name="system"/>: the host's when one was set up, otherwise
    /// one that writes to Akka's own logging, so a plain Akka application sees our lines where it sees Akka's.
    /// </summary>
    public static ILoggerFactory For(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var setup = system.Settings.Setup.Get<LoggerFactorySetup>();
        return setup.HasValue ? setup.Value.Factory : new AkkaLoggerFactory(system);
    }
}
