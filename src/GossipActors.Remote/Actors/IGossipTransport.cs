using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;

namespace GossipActors.Remote.Actors;

/// <summary>
/// The boundary the gossip core talks to: fire-and-forget sends by endpoint address. Inbound messages arrive
/// as <see cref="GossipEnvelope"/>s told to the actor given when the transport is created.
/// </summary>
public interface IGossipTransport
{
    EndpointAddress LocalAddress { get; }

    void Send(EndpointAddress to, IGossipMessage message);
}
