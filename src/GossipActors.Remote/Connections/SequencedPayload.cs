namespace GossipActors.Remote.Connections;

/// <summary>
/// An opaque payload (an Akka.Remote PDU) with its place in its link's stream: 1, 2, 3… for a link that may resume
/// on a new connection, 0 for none. A receiver that gets a resumed link's replay drops what it already delivered.
/// </summary>
public readonly record struct SequencedPayload(long Sequence, ReadOnlyMemory<byte> Pdu);
