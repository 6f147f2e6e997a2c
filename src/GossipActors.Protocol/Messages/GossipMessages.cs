using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.Messages;

/// <summary>Every message gossip puts on the wire. The codec in GossipActors.Remote knows each of them.</summary>
public interface IGossipMessage;

/// <summary>Round opener: the sender's digests. An empty digest list is the shadow round's probe.</summary>
public sealed record GossipDigestSyn(string ClusterName, IReadOnlyList<GossipDigest> Digests) : IGossipMessage;

/// <summary>Reply to a SYN: what the receiver wants (requests) and what it knows better (states).</summary>
public sealed record GossipDigestAck(
    IReadOnlyList<GossipDigest> Requests,
    IReadOnlyDictionary<EndpointAddress, EndpointState> States) : IGossipMessage;

/// <summary>Closes a round: the states the ACK requested.</summary>
public sealed record GossipDigestAck2(IReadOnlyDictionary<EndpointAddress, EndpointState> States) : IGossipMessage;

/// <summary>Announces that the sender is shutting down cleanly, so receivers mark it down at once.</summary>
public sealed record GossipShutdown(EndpointAddress Endpoint, int Generation) : IGossipMessage;

/// <summary>Liveness check sent before a node is reported UP.</summary>
public sealed record Echo(long Id) : IGossipMessage;

public sealed record EchoReply(long Id) : IGossipMessage;

/// <summary>
/// "I am alive", sent straight to every peer every <c>gossip.failure-detector.heartbeat-interval</c> (Akka.Cluster's
/// way), so an observer's failure detector sees regular arrivals instead of the bursts gossip relays bring. The sender
/// is the envelope's; <paramref name="Generation"/> lets the receiver ignore a previous incarnation's heartbeats.
/// </summary>
public sealed record GossipHeartbeat(int Generation) : IGossipMessage;

/// <summary>
/// "I observe you: send me your heartbeats", from an observer to the node it judges on direct heartbeats, renewed
/// while it observes it (Akka.Cluster's observer-driven heartbeating). The subject sends to whoever asked, so a
/// difference between two nodes' views of the observer ring never leaves an observer waiting for heartbeats that its
/// subject no longer sends. <paramref name="Generation"/> is the observer's, so a previous incarnation's is ignored.
/// </summary>
public sealed record GossipWatch(int Generation) : IGossipMessage;

/// <summary>A gossip message with the endpoint that sent it, as the transport hands it over.</summary>
public sealed record GossipEnvelope(EndpointAddress From, EndpointAddress To, IGossipMessage Message);
