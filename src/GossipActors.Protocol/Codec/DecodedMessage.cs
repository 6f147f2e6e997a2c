using GossipActors.Protocol.Messages;

namespace GossipActors.Protocol.Codec;

/// <summary>
/// What one encoded message turned out to be: exactly one of the three is set. <see cref="Payload"/> is an opaque
/// payload the transport carries for the layer above it (see <see cref="WireMessageType.Payload"/>).
/// </summary>
public readonly record struct DecodedMessage(IGossipMessage? Gossip, ControlMessage? Control, byte[]? Payload = null, long PayloadSequence = 0)
{
    public object Value => (object?)Gossip ?? (object?)Control ?? Payload!;
}
