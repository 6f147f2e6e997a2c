using GossipActors.Actors;
using GossipActors.Gossip.Transport;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using GossipActors.Remote.Diagnostics;
using GossipActors.Remote.Tls;

namespace GossipActors.Remote.Actors;

/// <summary>
/// The TCP implementation of <see cref="IGossipTransport"/>: starts <c>/user/remote</c> in the given system
/// and turns sends into messages to it. Inbound gossip goes to <c>inbound</c> as <see cref="GossipEnvelope"/>.
/// It also tells the shadow round what it saw per seed (<see cref="ISeedTransportDiagnostics"/>).
/// </summary>
public sealed class RemoteTransport : IGossipTransport, ISeedTransportDiagnostics
{
    private RemoteTransport(IActorRef remote, EndpointAddress localAddress, TransportCounters counters)
    {
        Remote = remote;
        LocalAddress = localAddress;
        Counters = counters;
    }

    public IActorRef Remote { get; }

    /// <summary>Traffic and incident counters of this transport (those of the settings, or fresh ones).</summary>
    public TransportCounters Counters { get; }

    public EndpointAddress LocalAddress { get; }

    /// <param name="settings">Must name a concrete port: it is the address peers reply to.</param>
    /// <param name="seed">
    /// Seeds the reconnect jitter; null draws one. A fixed seed shared by every node would make all of them redial
    /// a returning peer at the same instants, which is what jitter is there to prevent.
    /// </param>
    public static RemoteTransport Start(ActorSystem system, RemoteSettings settings, IActorRef inbound, TlsMaterial? tls = null, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Address.Port == 0)
        {
            throw new ArgumentException("remote transport needs a concrete port: peers reply to the advertised address", nameof(settings));
        }

        var counters = settings.Counters ?? new TransportCounters();
        var counted = settings with { Counters = counters };
        var jitterSeed = seed ?? Random.Shared.Next();
        var remote = system.ActorOf(Props.Create(() => new RemoteActor(counted, inbound, tls, jitterSeed)), "remote");
        return new RemoteTransport(remote, settings.Address, counters);
    }

    /// <summary>Hands everything queued on open outbound connections to the sockets, waiting at most about <paramref name="timeout"/>.</summary>
    public async Task<int> FlushAsync(TimeSpan timeout)
    {
        var flushed = await Remote.Ask<OutboundFlushed>(new FlushOutbound(timeout), timeout + TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        return flushed.Connections;
    }

    public SeedTransportDiagnosis? Diagnose(EndpointAddress local, EndpointAddress seed) => Counters.Diagnose(local, seed);

    public void Send(EndpointAddress to, IGossipMessage message) => Remote.Tell(new SendTo(to, message), ActorRefs.NoSender);

    public void Forget(EndpointAddress endpoint) => Remote.Tell(new ForgetPeer(endpoint), ActorRefs.NoSender);
}
