using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Event;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using GossipActors.Remote.Connections;
using Microsoft.Extensions.Logging;

namespace GossipActors.Remote.Transport;

/// <summary>
/// Gossip's own outbound connections, one per peer, beside Akka.Remote's associations: gossip messages go on them as
/// the transport's own messages (SYN, ACK and ACK2 in the compact per-connection encoding) instead of as Akka messages
/// with actor paths, manifests and Akka's heartbeats. A link is dialled on the first message to a peer and dropped
/// when its connection ends (the next message dials again), as an Akka association would be; dial failures, black
/// holes and discovered MTUs are published on the event stream exactly as for associations.
/// </summary>
internal sealed class GossipLinks(GossipTcpTransport transport, EventStream events)
{
    private readonly ConcurrentDictionary<EndpointAddress, Lazy<OutboundLink>> _links = new();
    private readonly ILogger _log = transport.LoggerFactory.CreateLogger("GossipActors.Remote.Gossip");
    private readonly Random _seeds = new();
    private volatile bool _closed;

    public void Send(EndpointAddress peer, IGossipMessage message)
    {
        if (_closed)
        {
            return;
        }

        _links.GetOrAdd(peer, p => new Lazy<OutboundLink>(() => Open(p))).Value.Send(message);
    }

    /// <summary>The peer left for good: close its link now.</summary>
    public void Forget(EndpointAddress peer)
    {
        if (_links.TryRemove(peer, out var link) && link.IsValueCreated)
        {
            _ = link.Value.DisposeAsync().AsTask();
        }
    }

    /// <summary>Flushes what each link has queued (a shutdown announcement), within <paramref name="timeout"/>, and closes them.</summary>
    public async Task CloseAllAsync(TimeSpan timeout)
    {
        _closed = true;
        var links = _links.Values.Where(l => l.IsValueCreated).Select(l => l.Value).ToList();
        _links.Clear();
        await Task.WhenAll(links.Select(async link =>
        {
            if (link.Current is { IsOpen: true } connection)
            {
                await connection.FlushAsync(timeout);
            }

            await link.DisposeAsync();
        }));
    }

    private OutboundLink Open(EndpointAddress peer)
    {
        int seed;
        lock (_seeds)
        {
            seed = _seeds.Next();
        }

        var link = new OutboundLink(peer, transport.Dialer, _log, new Random(seed), redial: false, knownMtu: transport.KnownMtu(peer));
        link.Connected += connection => connection.CarriesGossip = true;
        link.DialFailed += (reason, count) => events.Publish(new PeerDialFailed(peer, reason, count));
        link.BlackHoleDetected += finding => events.Publish(new PeerBlackHoled(peer, finding));
        link.MtuDiscovered += mtu =>
        {
            transport.RememberMtu(peer, mtu);
            events.Publish(new PathMtuDiscovered(peer, mtu));
        };
        link.Ended += () =>
        {
            foreach (var (key, value) in _links)
            {
                if (key == peer && value.IsValueCreated && ReferenceEquals(value.Value, link))
                {
                    _links.TryRemove(new KeyValuePair<EndpointAddress, Lazy<OutboundLink>>(key, value));
                }
            }

            _ = link.DisposeAsync().AsTask();
        };
        link.Start();
        return link;
    }
}
