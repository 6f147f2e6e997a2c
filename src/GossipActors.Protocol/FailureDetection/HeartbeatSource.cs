namespace GossipActors.Protocol.FailureDetection;

/// <summary>The value of <c>gossip.failure-detector.heartbeats</c>: where a peer's arrivals come from.</summary>
public enum HeartbeatSource
{
    /// <summary>
    /// Every node sends a small heartbeat straight to every peer each <c>heartbeat-interval</c> (Akka.Cluster's way);
    /// a peer's window holds those arrivals once the first one came. Peers that send none are judged by gossip.
    /// </summary>
    Direct,

    /// <summary>Cassandra's way: an arrival is a new heartbeat version learnt through gossip, relayed or not.</summary>
    Gossip,
}
