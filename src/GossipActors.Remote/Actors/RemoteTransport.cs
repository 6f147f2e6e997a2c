using GossipActors.Actors;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using GossipActors.Remote.Tls;

namespace GossipActors.Remote.Actors;

/// <summary>
/// The TCP implementation of <see cref="IGossipTransport"/>: starts <c>/user/remote</c> in the given system
/// and turns sends into messages to it. Inbound gossip goes to <c>inbound</c> as <see cref="GossipEnvelope"/>.
/// </summary>
public sealed class RemoteTransport : IGossipTransport
{
    private RemoteTransport(IActorRef remote, EndpointAddress localAddress)
    {
        Remote = remote;
        LocalAddress = localAddress;
    }

    public IActorRef Remote { get; }

    public EndpointAddress LocalAddress { get; }

    /// <param name="settings">Must name a concrete port: it is the address peers reply to.</param>
    public static RemoteTransport Start(ActorSystem system, RemoteSettings settings, IActorRef inbound, TlsMaterial? tls = null, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Address.Port == 0)
        {
            throw new ArgumentException("remote transport needs a concrete port: peers reply to the advertised address", nameof(settings));
        }

        var remote = system.ActorOf(Props.Create(() => new RemoteActor(settings, inbound, tls, seed)), "remote");
        return new RemoteTransport(remote, settings.Address);
    }

    public void Send(EndpointAddress to, IGossipMessage message) => Remote.Tell(new SendTo(to, message), ActorRefs.NoSender);
}
