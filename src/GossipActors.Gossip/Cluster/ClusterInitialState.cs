namespace GossipActors.Gossip.Cluster;

/// <summary>What a new subscriber receives before the changes.</summary>
/// <remarks>
/// There is no "as events" form (Akka.Cluster's <c>InitialStateAsEvents</c>): replaying a snapshot as Joined,
/// StateChanged and Up events would invent a history, and the down reason is not in the snapshot.
/// </remarks>
public enum ClusterInitialState
{
    /// <summary>Only the changes the gossiper applies after it took the subscription.</summary>
    None,

    /// <summary>A <see cref="CurrentClusterState"/> first, then every later change, with no gap and no repeat between them.</summary>
    AsSnapshot,
}
