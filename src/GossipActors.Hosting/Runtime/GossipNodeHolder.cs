using GossipActors.Gossip.Cluster;
using GossipActors.Protocol.Model;

namespace GossipActors.Hosting.Runtime;

/// <summary>
/// Where a host's services find the gossip node once the ActorSystem started it: the node does not exist when the
/// services are built, and resolving them must not create the ActorSystem (that binds the port).
/// </summary>
internal sealed class GossipNodeHolder
{
    private const string NotStarted = "the gossip node has not started yet (it starts with the host)";

    private GossipNode? _node;

    /// <summary>The address the node will have, when known before it starts (AddGossipActors binds configuration early).</summary>
    public EndpointAddress? PlannedAddress { get; set; }

    public GossipNode? Node => Volatile.Read(ref _node);

    /// <exception cref="InvalidOperationException">The node has not started yet.</exception>
    public GossipNode Running => Node ?? throw new InvalidOperationException(NotStarted);

    /// <exception cref="InvalidOperationException">Another node was published already: one gossip node per host.</exception>
    public void Publish(GossipNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (Interlocked.CompareExchange(ref _node, node, null) is { } existing && !ReferenceEquals(existing, node))
        {
            throw new InvalidOperationException($"this host already runs gossip node {existing.LocalEndpoint}");
        }
    }
}
