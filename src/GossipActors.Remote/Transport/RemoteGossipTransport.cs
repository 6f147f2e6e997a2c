using System.Collections.Concurrent;
using Akka.Actor;
using GossipActors.Gossip.Transport;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;

namespace GossipActors.Remote.Transport;

/// <summary>
/// Gossip over Akka.Remote: a message for endpoint <c>host:port</c> goes, in a <see cref="GossipEnvelope"/> that names
/// both ends, to <c>akka.gtcp://SYSTEM@host:port/system/gossip</c>, where Akka delivers it to the peer's gossiper.
/// Every node of a cluster therefore runs an ActorSystem of the same name. The per-seed diagnosis comes from the
/// gtcp transport's own counters, since Akka only reports "Association failed".
/// </summary>
public sealed class RemoteGossipTransport : IGossipTransport, ISeedTransportDiagnostics
{
    private readonly ExtendedActorSystem _system;
    private readonly GossipTcpTransport _transport;
    private readonly IActorRef _gossiper;
    private readonly ConcurrentDictionary<EndpointAddress, IActorRef> _peers = new();

    /// <param name="gossiper">This node's gossiper; it is the sender of everything sent.</param>
    /// <exception cref="InvalidOperationException">The system does not run the gtcp transport.</exception>
    public RemoteGossipTransport(ActorSystem system, IActorRef gossiper)
    {
        ArgumentNullException.ThrowIfNull(system);
        _system = (ExtendedActorSystem)system;
        _gossiper = gossiper;
        _transport = GossipTcpTransport.For(system) ?? throw new InvalidOperationException(
            $"ActorSystem '{system.Name}' does not run the gtcp transport: set akka.actor.provider = remote and " +
            "akka.remote.enabled-transports = [\"akka.remote.gossip-tcp\"]");
        LocalAddress = _transport.Settings.Address;
    }

    public EndpointAddress LocalAddress { get; }

    public void Send(EndpointAddress to, IGossipMessage message) =>
        GossiperOf(to).Tell(new GossipEnvelope(LocalAddress, to, message), _gossiper);

    public void Forget(EndpointAddress endpoint)
    {
        _peers.TryRemove(endpoint, out _);
        _ = _transport.ManagementCommand(new ForgetPeer(endpoint));
    }

    public SeedTransportDiagnosis? Diagnose(EndpointAddress local, EndpointAddress seed) => _transport.Counters.Diagnose(local, seed);

    private IActorRef GossiperOf(EndpointAddress peer) =>
        _peers.GetOrAdd(peer, endpoint => _system.Provider.ResolveActorRef(new RootActorPath(_transport.AddressOf(endpoint)) / "system" / "gossip"));
}
