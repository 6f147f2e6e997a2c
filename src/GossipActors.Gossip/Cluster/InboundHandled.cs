using GossipActors.Protocol.Messages;

namespace GossipActors.Gossip.Cluster;

/// <summary>
/// One inbound message the gossiper has finished with (an ACK is its round's, and is not reported here), for a host's
/// latency histograms: when it reached the gossiper and when its handling ended, in monotonic timestamps
/// (<see cref="TimeProvider.GetTimestamp"/> of <see cref="TimeProvider.System"/>), and for a stamped direct heartbeat
/// how long it took from leaving its sender to arriving here, corrected by the sender's estimated clock skew.
/// </summary>
public readonly record struct InboundHandled(GossipEnvelope Envelope, long ArrivedTimestamp, long HandledTimestamp, long? HeartbeatTransitMs);
