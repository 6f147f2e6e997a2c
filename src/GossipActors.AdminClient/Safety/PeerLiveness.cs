namespace GossipActors.AdminClient.Safety;

/// <summary>One endpoint as the deciding node sees it: all the assassination rules read.</summary>
/// <param name="Address">Gossip address, HOST:PORT.</param>
/// <param name="IsUp">UP in the deciding node's view (echo-verified and not convicted since).</param>
/// <param name="HasDeadStatus">
/// Its STATUS is a dead state (LEFT, removed, removing, hibernate, shutdown): it said it is gone.
/// </param>
/// <param name="Phi">Its current phi, or null when the failure detector holds no history for it.</param>
public readonly record struct PeerLiveness(string Address, bool IsUp, bool HasDeadStatus, double? Phi)
{
    /// <summary>Alive in the cluster's view: UP and not gone by its own account.</summary>
    public bool IsLive => IsUp && !HasDeadStatus;
}
