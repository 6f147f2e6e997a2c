using Akka.Hosting;
using GossipActors.Gossip.Logging;
using Microsoft.Extensions.Logging;
using AkkaConfig = Akka.Configuration.Config;
using AkkaConfigurationFactory = Akka.Configuration.ConfigurationFactory;

namespace GossipActors.Hosting.Runtime;

/// <summary>
/// The ActorSystem <c>AddGossipActors</c> asks Akka.Hosting for: remoting over gtcp with the node's configuration, its
/// warnings to the host's ILogger (the tree logs there directly), dead letters counted for tpstats instead of logged,
/// and the host, not a CLR shutdown hook, deciding when it stops.
/// </summary>
internal static class GossipActorsSystem
{
    private static readonly AkkaConfig HostOwned = AkkaConfigurationFactory.ParseString(
        $$"""
        akka {
          loggers = ["{{AkkaLoggerBridge.TypeName}}"]
          loglevel = WARNING
          stdout-loglevel = WARNING
          log-dead-letters = off
          log-dead-letters-during-shutdown = off
          coordinated-shutdown.run-by-clr-shutdown-hook = off
        }
        """);

    public static void Configure(AkkaConfigurationBuilder akka, GossipActorsRuntime runtime, ILoggerFactory loggerFactory)
    {
        // The node's own file may tune its system; what the host must own is prepended after it, so it wins.
        akka.AddHocon(GossipAkkaConfiguration.AkkaSection(runtime.Configuration), HoconAddMode.Prepend)
            .AddHocon(HostOwned, HoconAddMode.Prepend)
            .AddSetup(new LoggerFactorySetup(loggerFactory));
        GossipAkkaConfiguration.UseTransport(akka, runtime.Configuration);
    }
}
