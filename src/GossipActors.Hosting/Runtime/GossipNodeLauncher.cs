using Akka;
using Akka.Actor;
using Akka.Hosting;
using GossipActors.Akka;
using GossipActors.Gossip.Cluster;
using GossipActors.Gossip.Persistence;
using GossipActors.Gossip.Transport;
using GossipActors.Remote.Transport;
using Microsoft.Extensions.Logging;

namespace GossipActors.Hosting.Runtime;

/// <summary>
/// How a hosted ActorSystem gets its gossip node, the same for <c>WithGossip</c> in an application's own system and
/// for <c>AddGossipActors</c>: the tree at <c>/system/gossip</c> over Akka.Remote's gtcp transport, the gossiper in the
/// ActorRegistry under <see cref="GossiperKey"/>, and a CoordinatedShutdown task that announces the shutdown to the
/// peers while remoting still runs, however the system is stopped.
/// </summary>
internal static class GossipNodeLauncher
{
    /// <summary>Builds the node in a running system; gossip begins with <see cref="JoinAsync"/>.</summary>
    /// <param name="decorateTransport">Wraps the Akka.Remote gossip transport (metrics), or null.</param>
    /// <exception cref="DataDirectoryException">gossip.data-dir cannot be used.</exception>
    /// <exception cref="CorruptStateFileException">local.json is corrupt (and gossip.discard-corrupt-state is off).</exception>
    /// <exception cref="NodeDecommissionedException">The data directory belongs to a decommissioned node.</exception>
    public static GossipNode Launch(
        ActorSystem system,
        IActorRegistry registry,
        GossipNodeSettings settings,
        GossipNodeStartOptions options,
        Func<IGossipTransport, IGossipTransport>? decorateTransport = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);
        if (settings.DataDir is { } dataDir)
        {
            DataDirectoryCheck.EnsureUsable(dataDir);
        }

        var node = GossipExtension.Get(system).StartNode(
            gossiper =>
            {
                IGossipTransport transport = new RemoteGossipTransport(system, gossiper);
                return decorateTransport is null ? transport : decorateTransport(transport);
            },
            options with { AskTimeout = system.Settings.AskTimeout },
            settings);
        registry.Register<GossiperKey>(node.Gossiper);
        AnnounceShutdownBeforeTermination(system, node, options.LoggerFactory?.CreateLogger(GossipNodeLog.Category));
        return node;
    }

    /// <summary>
    /// Runs the shadow round and begins gossip, logging both ends.
    /// </summary>
    /// <exception cref="Protocol.Gossip.SeedsUnreachableException">No seed answered, with the TCP diagnosis per seed.</exception>
    /// <exception cref="Protocol.Gossip.EndpointCollisionException">A live node with a newer generation owns our address or host id.</exception>
    public static async Task JoinAsync(GossipNode node, ILogger log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(log);
        GossipNodeLog.Starting(log, node);
        await node.StartAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        GossipNodeLog.Joined(log, node);
    }

    /// <summary>
    /// Akka.Hosting stops a host's system through CoordinatedShutdown, and so does <c>ActorSystem.Terminate</c>. The
    /// announcement goes out in the cluster-leave phase, before the transport closes; a node that never joined has
    /// nothing to announce and must not write its peers. A host that stopped the node first makes this a no-op.
    /// </summary>
    private static void AnnounceShutdownBeforeTermination(ActorSystem system, GossipNode node, ILogger? log)
    {
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseClusterLeave, "gossip-announce-shutdown", async () =>
        {
            if (!node.Started.IsCompletedSuccessfully)
            {
                return Done.Instance;
            }

            try
            {
                await node.StopAsync().ConfigureAwait(false);
            }
            catch (TimeoutException error)
            {
                log?.LogWarning("stopping gossip node {Address}: {Reason}; stopping anyway", node.LocalEndpoint, error.Message);
            }

            return Done.Instance;
        });
    }
}
