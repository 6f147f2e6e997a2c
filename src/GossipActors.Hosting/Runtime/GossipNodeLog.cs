using Akka.Actor;
using GossipActors.Gossip.Actors;
using GossipActors.Gossip.Cluster;
using GossipActors.Protocol.Text;
using GossipActors.Remote.Transport;
using Microsoft.Extensions.Logging;

namespace GossipActors.Hosting.Runtime;

/// <summary>
/// What an operator reads about a hosted node, whichever way it is hosted: its start, membership changes, black holes,
/// discovered path MTUs, and a node forming a cluster of its own.
/// </summary>
internal static class GossipNodeLog
{
    public const string Category = "GossipActors.Hosting";

    /// <summary>Logs changes until the system stops; dispose to stop earlier.</summary>
    public static IDisposable Attach(ActorSystem system, GossipNode node, ILogger log)
    {
        var subscriptions = new List<IDisposable>
        {
            node.Subscribe(e => Membership(log, e)),
            // FailureDetectorWarning is not logged here: the failure-detector actor logs it through the same logger factory.
            EventStreamCallback.Subscribe<PeerBlackHoled>(system, b => log.LogWarning("black hole towards {Peer}: {Finding}", b.Peer, b.Finding.ToString())),
            EventStreamCallback.Subscribe<PathMtuDiscovered>(system, m => log.LogWarning(
                "path MTU towards {Peer} discovered: {Mtu}; connections to it now use segments for MTU {Mtu} (set remote.mtu = {Mtu} to make it permanent)",
                m.Peer,
                m.Mtu,
                m.Mtu,
                m.Mtu)),
        };
        return new Subscriptions(subscriptions);
    }

    public static void Starting(ILogger log, GossipNode node)
    {
        var settings = node.Settings;
        log.LogInformation(
            "starting gossip node {Address} in cluster '{Cluster}' (generation {Generation}, host id {HostId}, seeds {Seeds})",
            node.LocalEndpoint,
            settings.ClusterName,
            node.Generation,
            node.HostId,
            settings.Seeds.Count == 0 ? "none" : string.Join(", ", settings.Seeds));
        FormingNewCluster(log, node);
    }

    public static void Joined(ILogger log, GossipNode node) =>
        log.LogInformation("gossip node {Address} joined cluster '{Cluster}'", node.LocalEndpoint, node.Settings.ClusterName);

    /// <summary>
    /// A node with nothing to join starts a cluster of its own, which is right for the first seed and wrong for a node
    /// whose --seeds was forgotten: the second must not pass in silence, so it is a warning unless gossip.new-cluster says
    /// it is intended. A seed list naming only this node is the usual first seed, so it counts as none.
    /// </summary>
    private static void FormingNewCluster(ILogger log, GossipNode node)
    {
        var local = node.LocalEndpoint;
        var settings = node.Settings;
        if (settings.Seeds.Any(seed => seed != local) || node.RememberedPeerCount > 0)
        {
            return;
        }

        if (settings.NewCluster)
        {
            log.LogInformation(
                "{Address} is forming a new cluster '{Cluster}': no seeds other than itself and no remembered peers (gossip.new-cluster = on)",
                local,
                settings.ClusterName);
        }
        else
        {
            log.LogWarning(
                "{Address} is forming a NEW cluster '{Cluster}' on its own: no seeds other than itself (--seeds, gossip.seeds) and no remembered peers; " +
                "to join an existing cluster, stop it and give it that cluster's seeds; if a new cluster is intended, start it with --new-cluster (gossip.new-cluster = on)",
                local,
                settings.ClusterName);
        }
    }

    private static void Membership(ILogger log, ClusterEvent e)
    {
        switch (e)
        {
            case MemberUp up:
                log.LogInformation("{Endpoint} is now UP", LogText.Escape(up.Endpoint.ToString()));
                break;
            case MemberDown down:
                log.LogInformation("{Endpoint} is now DOWN ({Reason})", LogText.Escape(down.Endpoint.ToString()), down.Reason);
                break;
            case MemberJoined joined:
                log.LogInformation("{Endpoint} joined (learned through gossip)", LogText.Escape(joined.Endpoint.ToString()));
                break;
            case MemberRestarted restarted:
                log.LogInformation("{Endpoint} restarted: {Reason}", LogText.Escape(restarted.Endpoint.ToString()), restarted.Reason);
                break;
            case MemberRemoved removed:
                log.LogInformation("{Endpoint} removed: {Reason}", LogText.Escape(removed.Endpoint.ToString()), removed.Reason);
                break;
            case MemberStateChanged changed:
                log.LogDebug("{Endpoint} {Key} = {Value}", changed.Endpoint, changed.Key, changed.Value);
                break;
        }
    }

    private sealed class Subscriptions(List<IDisposable> all) : IDisposable
    {
        public void Dispose()
        {
            foreach (var subscription in all)
            {
                subscription.Dispose();
            }
        }
    }
}
