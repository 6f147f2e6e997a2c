using System.Collections.Concurrent;
using GossipActors.Gossip.Transport;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using GossipActors.Remote.Actors;

namespace GossipActors.Hosting.Runtime;

/// <summary>
/// The gossip node's transport in a host. The node is built before the TCP transport starts (the handshake
/// carries the node's host id and generation, known only once the node has read its data directory), so sends
/// made in between are held and delivered when <see cref="Attach"/> is called. Also counts rounds.
/// </summary>
internal sealed class HostedTransport(EndpointAddress localAddress, RoundMetrics rounds, TimeProvider time) : IGossipTransport, ISeedTransportDiagnostics
{
    private readonly ConcurrentQueue<(EndpointAddress To, IGossipMessage Message)> _early = new();
    private readonly object _gate = new();
    private RemoteTransport? _remote;

    public EndpointAddress LocalAddress { get; } = localAddress;

    public RemoteTransport? Remote => Volatile.Read(ref _remote);

    public void Attach(RemoteTransport remote)
    {
        lock (_gate)
        {
            while (_early.TryDequeue(out var early))
            {
                remote.Send(early.To, early.Message);
            }

            Volatile.Write(ref _remote, remote);
        }
    }

    public void Send(EndpointAddress to, IGossipMessage message)
    {
        if (message is GossipDigestSyn)
        {
            rounds.SynSent(to, time.GetTimestamp());
        }

        var remote = Remote;
        if (remote is null)
        {
            lock (_gate)
            {
                remote = _remote;
                if (remote is null)
                {
                    _early.Enqueue((to, message));
                    return;
                }
            }
        }

        remote.Send(to, message);
    }

    public void Forget(EndpointAddress endpoint) => Remote?.Forget(endpoint);

    public SeedTransportDiagnosis? Diagnose(EndpointAddress local, EndpointAddress seed) => Remote?.Diagnose(local, seed);
}
