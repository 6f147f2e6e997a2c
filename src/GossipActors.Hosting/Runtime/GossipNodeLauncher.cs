using Akka;
using Akka.Actor;
using Akka.Hosting;
using GossipActors.Akka;
using GossipActors.Gossip.Logging;
using GossipActors.Gossip.Cluster;
using GossipActors.Gossip.Persistence;
using GossipActors.Gossip.Transport;
using GossipActors.Protocol.Gossip;
using GossipActors.Remote.Transport;
using Microsoft.Extensions.Logging;

namespace GossipActors.Hosting.Runtime;

/// <summary>
/// How a hosted ActorSystem gets its gossip node, the same for <c>WithGossip</c> in an application's own system and
/// for <c>AddGossipActors</c>: the tree at <c>/system/gossip</c> over Akka.Remote's gtcp transport, the gossiper in the
/// ActorRegistry under <see cref="GossiperKey"/>, its lines logged, and its shutdown announced to the peers while
/// remoting still runs, however the system is stopped.
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
        var log = (options.LoggerFactory ?? LoggerFactorySetup.For(system)).CreateLogger(GossipNodeLog.Category);
        GossipNodeLog.Attach(system, node, log);
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseClusterLeave, "gossip-announce-shutdown", async () =>
        {
            await StopAsync(node, log).ConfigureAwait(false);
            return Done.Instance;
        });
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
    /// Announces the shutdown to the peers that are not already gone and saves the peers. Akka.Hosting stops a host's
    /// system through CoordinatedShutdown, and so does <c>ActorSystem.Terminate</c>: this runs in its cluster-leave
    /// phase, before the transport closes, however the system is stopped. A node that never joined has nothing to
    /// announce and must not write its peers; one that left (decommissioned, assassinated) or stopped itself stays silent.
    /// </summary>
    private static async Task StopAsync(GossipNode node, ILogger log)
    {
        if (!node.Started.IsCompletedSuccessfully)
        {
            return;
        }

        try
        {
            var silent = node.Faulted.IsFaulted
                || ((await node.GetMembersAsync().ConfigureAwait(false)).FirstOrDefault(m => m.IsLocal) is { } self && EndpointStatus.IsDeadState(self.Status));
            await node.StopAsync().ConfigureAwait(false);
            if (silent)
            {
                log.LogInformation("gossip node {Address} stopped without announcing a shutdown: it has left the cluster or already announced it", node.LocalEndpoint);
            }
            else
            {
                log.LogInformation("gossip node {Address} announced its shutdown to its peers", node.LocalEndpoint);
            }
        }
        catch (Exception error) when (error is TimeoutException or OperationCanceledException)
        {
            log.LogWarning("stopping gossip node {Address}: {Reason}; stopping anyway", node.LocalEndpoint, error.Message);
        }
    }
}
