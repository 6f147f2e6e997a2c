using Akka.Actor;
using GossipActors.Gossip.Transport;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;

namespace GossipActors.Remote.Transport;

/// <summary>
/// Gossip on the gtcp transport's own connections: a message for endpoint <c>host:port</c> goes on this node's gossip
/// link to that listener (<see cref="GossipLinks"/>), in the compact per-connection encoding, and the peer's transport
/// hands it to its gossiper as a <see cref="GossipEnvelope"/> from the endpoint its handshake named. Akka.Remote's
/// envelopes (actor paths, manifests) and its association heartbeats are not spent on gossip; the application's own
/// remote messages still travel as Akka messages. The per-seed diagnosis comes from the gtcp transport's counters.
/// </summary>
public sealed class RemoteGossipTransport : IGossipTransport, ISeedTransportDiagnostics
{
    private readonly GossipTcpTransport _transport;

    /// <param name="gossiper">This node's gossiper; it is the sender of everything sent.</param>
    /// <exception cref="InvalidOperationException">The system does not run the gtcp transport.</exception>
    public RemoteGossipTransport(ActorSystem system, IActorRef gossiper)
    {
        ArgumentNullException.ThrowIfNull(system);
        _transport = GossipTcpTransport.For(system) ?? throw new InvalidOperationException(
            $"ActorSystem '{system.Name}' does not run the gtcp transport: set akka.actor.provider = remote and " +
            "akka.remote.enabled-transports = [\"akka.remote.gossip-tcp\"]");
        LocalAddress = _transport.Settings.Address;
        _transport.AttachGossiper(gossiper);
    }

    public EndpointAddress LocalAddress { get; }

    public void Send(EndpointAddress to, IGossipMessage message) => _transport.SendGossip(to, message);

    public bool AcceptsDatagrams => _transport.AcceptsDatagrams;

    public void SendDatagram(EndpointAddress to, IGossipMessage message) => _transport.SendDatagram(to, message);

    public void Forget(EndpointAddress endpoint) => _ = _transport.ManagementCommand(new ForgetPeer(endpoint));

    public SeedTransportDiagnosis? Diagnose(EndpointAddress local, EndpointAddress seed) => _transport.Counters.Diagnose(local, seed);
}
