using Akka.Actor;
using Akka.DependencyInjection;
using Akka.Hosting;
using GossipActors.Akka;
using GossipActors.Gossip.Logging;
using GossipActors.Gossip.Cluster;
using GossipActors.Hosting.Configuration;
using GossipActors.Hosting.Runtime;
using Microsoft.Extensions.Logging;

namespace GossipActors.Hosting;

/// <summary>
/// Gossip membership in an Akka.NET application's own ActorSystem, through Akka.Hosting:
/// <code>
/// services.AddAkka("app", (akka, sp) => akka
///     .WithGossipTransport(gossip => gossip.ListenOn("10.0.0.5:7000").WithClusterName("prod"))
///     .WithGossip(gossip => gossip.WithSeeds("10.0.0.1:7000").WithDataDir("/var/lib/app/gossip"))
///     .WithActors((system, registry) => …));
/// services.AddGossipCluster();   // IGossipCluster in DI
/// </code>
/// Both calls configure one <see cref="GossipActorsBuilder"/>: reference.conf ← its file ← its IConfiguration ← its
/// calls, in call order. Every node of a cluster must use the same ActorSystem name, since gossip addresses are
/// <c>akka.gtcp://SYSTEM@host:port/system/gossip</c>.
/// </summary>
public static class GossipAkkaConfigurationBuilderExtensions
{
    /// <summary>
    /// Akka.Remote over our gtcp transport and nothing else (<c>akka.actor.provider = remote</c>,
    /// <c>akka.remote.enabled-transports = ["akka.remote.gossip-tcp"]</c>), configured by the <c>remote</c> section:
    /// <see cref="GossipActorsBuilder.ListenOn(string)"/>, <see cref="GossipActorsBuilder.WithBroadcastAddress"/>,
    /// <see cref="GossipActorsBuilder.WithClusterName"/> (checked in every handshake), <c>Set("remote.mtu", "1422")</c>…
    /// The application's own remote messages travel over it too. Use it instead of Akka.Hosting's <c>WithRemoting</c>,
    /// which configures only Akka's DotNetty transport.
    /// </summary>
    /// <exception cref="Hocon.ConfigException">A setting is invalid; the message names it and where it was set.</exception>
    public static AkkaConfigurationBuilder WithGossipTransport(this AkkaConfigurationBuilder akka, Action<GossipActorsBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(akka);
        return GossipAkkaConfiguration.UseTransport(akka, Configure(akka, configure));
    }

    /// <summary>
    /// A gossip node in this ActorSystem (needs <see cref="WithGossipTransport"/>): built when the system starts, before
    /// the actor starters added after this call, so they may subscribe to it; the gossiper (<c>/system/gossip</c>) is in
    /// the ActorRegistry under <see cref="GossiperKey"/>. The host's start then waits for the shadow round and fails with
    /// its diagnosis (<see cref="Protocol.Gossip.SeedsUnreachableException"/>); on stop, the shutdown is announced to the
    /// peers before the system terminates. Its lines are logged where the system logs, unless a
    /// <see cref="LoggerFactorySetup"/> names a factory.
    /// </summary>
    /// <exception cref="Hocon.ConfigException">A setting is invalid; the message names it and where it was set.</exception>
    public static AkkaConfigurationBuilder WithGossip(this AkkaConfigurationBuilder akka, Action<GossipActorsBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(akka);
        GossipAkkaConfiguration.UseSections(akka, Configure(akka, configure));
        var state = GossipAkkaConfiguration.Of(akka);
        if (state.NodeStarterAdded)
        {
            return akka;
        }

        state.NodeStarterAdded = true;
        return akka.WithActors(LaunchNode).AddStartup(JoinAsync);
    }

    private static NodeConfiguration Configure(AkkaConfigurationBuilder akka, Action<GossipActorsBuilder>? configure)
    {
        var builder = GossipAkkaConfiguration.Of(akka).Builder;
        configure?.Invoke(builder);
        var configuration = NodeConfiguration.From(builder, hostConfiguration: null);
        GossipAkkaConfiguration.Validate(configuration);
        return configuration;
    }

    private static void LaunchNode(ActorSystem system, IActorRegistry registry, IDependencyResolver resolver)
    {
        // The settings the system's configuration holds, which is what the transport bound too.
        var node = GossipNodeLauncher.Launch(
            system,
            registry,
            GossipExtension.Get(system).Settings,
            new GossipNodeStartOptions { LoggerFactory = LoggerFactorySetup.For(system) });
        resolver.GetService<GossipNodeHolder>()?.Publish(node);
    }

    private static Task JoinAsync(ActorSystem system, IActorRegistry registry)
    {
        var node = GossipExtension.Get(system).Node ?? throw new InvalidOperationException("the gossip node was not built");
        return GossipNodeLauncher.JoinAsync(node, LoggerFactorySetup.For(system).CreateLogger(GossipNodeLog.Category), CancellationToken.None);
    }
}
