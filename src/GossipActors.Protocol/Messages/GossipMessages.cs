using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.Messages;

/// <summary>Every message gossip puts on the wire. The codec in GossipActors.Remote knows each of them.</summary>
public interface IGossipMessage;

/// <summary>Round opener: the sender's digests. An empty digest list is the shadow round's probe.</summary>
public sealed record GossipDigestSyn(string ClusterName, IReadOnlyList<GossipDigest> Digests) : IGossipMessage;

/// <summary>Reply to a SYN: what the receiver wants (requests) and what it knows better (states).</summary>
/// <param name="SentAtMs">
/// The responder's clock (Unix ms) when it sent the ACK, from which the initiator estimates the skew between them
/// (<see cref="Clock.ClockSkewEstimator"/>); null from a peer older than protocol 6, and in the shadow round.
/// </param>
public sealed record GossipDigestAck(
    IReadOnlyList<GossipDigest> Requests,
    IReadOnlyDictionary<EndpointAddress, EndpointState> States,
    long? SentAtMs = null) : IGossipMessage;

/// <summary>Closes a round: the states the ACK requested.</summary>
/// <param name="Clock">The ACK's stamp echoed and the initiator's own, so the responder estimates the skew too; null as in the ACK.</param>
public sealed record GossipDigestAck2(IReadOnlyDictionary<EndpointAddress, EndpointState> States, ClockEcho? Clock = null) : IGossipMessage;

/// <summary>
/// The clock readings an ACK2 carries: the ACK's <see cref="GossipDigestAck.SentAtMs"/> as it came (the responder's
/// clock), and the initiator's clock when it sent the ACK2. Echoing the first keeps the responder stateless: it reads
/// both ends of its round trip from the message.
/// </summary>
public readonly record struct ClockEcho(long AckSentAtMs, long SentAtMs);

/// <summary>Announces that the sender is shutting down cleanly, so receivers mark it down at once.</summary>
public sealed record GossipShutdown(EndpointAddress Endpoint, int Generation) : IGossipMessage;

/// <summary>Liveness check sent before a node is reported UP.</summary>
public sealed record Echo(long Id) : IGossipMessage;

public sealed record EchoReply(long Id) : IGossipMessage;

/// <summary>
/// "I am alive", sent straight to every peer every <c>gossip.failure-detector.heartbeat-interval</c> (Akka.Cluster's
/// way), so an observer's failure detector sees regular arrivals instead of the bursts gossip relays bring. The sender
/// is the envelope's; <paramref name="Generation"/> lets the receiver ignore a previous incarnation's heartbeats.
/// <paramref name="SentAtMs"/> is the sender's clock (Unix ms) when it left, from which the receiver measures the time
/// to its arrival; null from a peer older than protocol 6.
/// </summary>
public sealed record GossipHeartbeat(int Generation, long? SentAtMs = null) : IGossipMessage;

/// <summary>
/// "I observe you: send me your heartbeats", from an observer to the node it judges on direct heartbeats, renewed
/// while it observes it (Akka.Cluster's observer-driven heartbeating). The subject sends to whoever asked, so a
/// difference between two nodes' views of the observer ring never leaves an observer waiting for heartbeats that its
/// subject no longer sends. <paramref name="Generation"/> is the observer's, so a previous incarnation's is ignored.
/// <paramref name="Datagrams"/>: send them as UDP datagrams (<c>remote.heartbeat-datagrams</c>; protocol 7), not on the
/// stream connection; false from an observer that takes none, or whose subject fell silent (a path may drop UDP).
/// </summary>
public sealed record GossipWatch(int Generation, bool Datagrams = false) : IGossipMessage;

/// <summary>A gossip message with the endpoint that sent it, as the transport hands it over.</summary>
public sealed record GossipEnvelope(EndpointAddress From, EndpointAddress To, IGossipMessage Message);
