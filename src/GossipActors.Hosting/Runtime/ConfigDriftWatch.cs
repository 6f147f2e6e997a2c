using GossipActors.Gossip.Cluster;
using GossipActors.Protocol.Model;
using Microsoft.Extensions.Logging;

namespace GossipActors.Hosting.Runtime;

/// <summary>
/// Warns once for each peer and CONFIG it gossips that differs from this node's cluster-wide settings, naming the
/// settings, so configuration drift shows in the log of every node that sees it, not only in <c>describecluster</c>.
/// </summary>
internal sealed class ConfigDriftWatch(GossipNode node, ILogger log)
{
    private readonly Dictionary<EndpointAddress, string> _warned = [];
    private readonly Lock _gate = new();

    public void OnEvent(ClusterEvent clusterEvent)
    {
        if (clusterEvent is not (MemberJoined or MemberUp or MemberRestarted or MemberStateChanged { Key: ApplicationStateKeys.Config }) ||
            clusterEvent is not MemberEvent { Endpoint: var endpoint } || endpoint == node.LocalEndpoint)
        {
            return;
        }

        var snapshot = node.CurrentSnapshot;
        var theirs = snapshot.Member(endpoint)?.ApplicationStates.GetValueOrDefault(ApplicationStateKeys.Config)?.Value;
        var ours = snapshot.Member(node.LocalEndpoint)?.ApplicationStates.GetValueOrDefault(ApplicationStateKeys.Config)?.Value;
        if (theirs is null || ours is null || theirs == ours || !ClusterSettingsFingerprint.TryParse(ours, out var own))
        {
            return;
        }

        lock (_gate)
        {
            if (_warned.TryGetValue(endpoint, out var already) && already == theirs)
            {
                return;
            }

            _warned[endpoint] = theirs;
        }

        var differs = string.Join(", ", own!.DifferencesFrom(theirs));
        log.LogWarning(
            "configuration drift: {Peer} differs from this node in {Settings} (its CONFIG {Theirs}, this node's {Ours}); see gossipctl describecluster",
            endpoint, differs, theirs, ours);
    }
}
