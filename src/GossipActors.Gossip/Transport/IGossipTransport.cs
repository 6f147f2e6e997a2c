using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;

namespace GossipActors.Gossip.Transport;

/// <summary>
/// The one boundary between gossip and the network: fire-and-forget sends by endpoint address.
/// Inbound messages arrive as <see cref="GossipEnvelope"/>s told to the actor the transport was created
/// for (the gossiper). A transport that also implements
/// <see cref="GossipActors.Protocol.Gossip.ISeedTransportDiagnostics"/> gets its per-seed diagnosis
/// printed in the shadow round's "Unable to gossip with any seeds" failure.
/// </summary>
public interface IGossipTransport
{
    EndpointAddress LocalAddress { get; }

    void Send(EndpointAddress to, IGossipMessage message);

    /// <summary>
    /// Whether heartbeats and watches may come to this node as datagrams (<c>remote.heartbeat-datagrams</c>): its
    /// watches then ask their subjects for them so.
    /// </summary>
    bool AcceptsDatagrams { get; }

    /// <summary>
    /// Sends a heartbeat or a watch as a datagram: unordered and unacknowledged, lost without a word when the path drops
    /// it. A transport without datagrams sends it as <see cref="Send"/> does.
    /// </summary>
    void SendDatagram(EndpointAddress to, IGossipMessage message);

    /// <summary>The endpoint left the cluster for good or was evicted: close links to it and stop redialling it.</summary>
    void Forget(EndpointAddress endpoint);
}
