namespace GossipActors.Gossip.Persistence;

/// <summary>The data directory belongs to a node that was decommissioned; it does not rejoin unless <c>gossip.override-decommission</c> is on.</summary>
public sealed class NodeDecommissionedException : Exception
{
    public NodeDecommissionedException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    public NodeDecommissionedException()
    {
    }

    public NodeDecommissionedException(string message)
        : base(message)
    {
    }
}
