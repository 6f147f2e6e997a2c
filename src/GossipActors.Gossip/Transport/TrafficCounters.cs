namespace GossipActors.Gossip.Transport;

/// <summary>What crossed one link or left one node, in messages and bytes (size model estimates).</summary>
public sealed class TrafficCounters
{
    public long MessagesSent { get; internal set; }

    public long BytesSent { get; internal set; }

    public long MessagesDelivered { get; internal set; }

    public long BytesDelivered { get; internal set; }

    public long LostToLoss { get; internal set; }

    public long DroppedByPartition { get; internal set; }

    /// <summary>Sent to an address where no node was listening.</summary>
    public long Refused { get; internal set; }

    /// <summary>Replaced while waiting behind an in-flight message to the same peer.</summary>
    public long Replaced { get; internal set; }
}
