using GossipActors.Protocol.Messages;

namespace GossipActors.Protocol.Codec;

/// <summary>What one encoded message turned out to be: exactly one of the two is set.</summary>
public readonly record struct DecodedMessage(IGossipMessage? Gossip, ControlMessage? Control)
{
    public object Value => (object?)Gossip ?? Control!;
}
