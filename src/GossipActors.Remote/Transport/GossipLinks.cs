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
/// holes and discovered MTUs are published on the event stream exactly as for associations. The peer sends small
/// ACKs back on our link (<see cref="GossipTcpTransport.SendGossip"/>); they reach the gossiper like any gossip.
/// </summary>
internal sealed class GossipLinks(GossipTcpTransport transport, EventStream events)
{
    // Under _gate: a link is in the map before it starts, so its Ended, however early it comes (a refused dial can
    // end a link inside Start), always finds and removes it, and the next message dials afresh.
    private readonly Dictionary<EndpointAddress, OutboundLink> _links = [];
    private readonly object _gate = new();
    private readonly ILogger _log = transport.LoggerFactory.CreateLogger("GossipActors.Remote.Gossip");
    private readonly Random _seeds = new();
    private bool _closed;

    public void Send(EndpointAddress peer, IGossipMessage message)
    {
        OutboundLink? created = null;
        OutboundLink link;
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            if (!_links.TryGetValue(peer, out var held))
            {
                held = created = Create(peer);
                _links.Add(peer, held);
            }

            link = held;
        }

        // Queued before the first dial, so that dial carries it.
        link.Send(message);
        if (created is not null)
        {
            _log.LogDebug("gossip link to {Peer} opened", peer);
            created.Start();
        }
    }

    public bool Holds(EndpointAddress peer)
    {
        lock (_gate)
        {
            return _links.ContainsKey(peer);
        }
    }

    /// <summary>
    /// <paramref name="peer"/> dialled us as <paramref name="incarnation"/> (<see cref="RemoteSettings.Generation"/>). A
    /// link of ours connected to another incarnation of it is stale: the process it reached is gone, though the old
    /// connection may not have failed yet (a half-open one swallows what we send). It is dropped, and the next message
    /// dials the peer afresh: a new connection, so both ends' compact tables start empty.
    /// </summary>
    public void SawIncarnation(EndpointAddress peer, int incarnation)
    {
        OutboundLink? stale;
        int reached;
        lock (_gate)
        {
            if (!_links.TryGetValue(peer, out stale) || stale.Current?.RemoteAccepted?.Generation is not { } generation || generation == incarnation)
            {
                return;
            }

            reached = generation;
        }

        _log.LogInformation("{Peer} restarted (incarnation {Old} -> {New}): replacing the gossip link to it", peer, reached, incarnation);
        Drop(peer, stale, "replaced");
    }

    /// <summary>The peer left for good: close its link now.</summary>
    public void Forget(EndpointAddress peer)
    {
        OutboundLink? link;
        lock (_gate)
        {
            if (!_links.Remove(peer, out link))
            {
                return;
            }
        }

        _ = link.DisposeAsync().AsTask();
    }

    /// <summary>Flushes what each link has queued (a shutdown announcement), within <paramref name="timeout"/>, and closes them.</summary>
    public async Task CloseAllAsync(TimeSpan timeout)
    {
        List<OutboundLink> links;
        lock (_gate)
        {
            _closed = true;
            links = [.. _links.Values];
            _links.Clear();
        }

        await Task.WhenAll(links.Select(async link =>
        {
            if (link.Current is { IsOpen: true } connection)
            {
                await connection.FlushAsync(timeout);
            }

            await link.DisposeAsync();
        }));
    }

    private OutboundLink Create(EndpointAddress peer)
    {
        int seed;
        lock (_seeds)
        {
            seed = _seeds.Next();
        }

        var link = new OutboundLink(peer, transport.Dialer, _log, new Random(seed), redial: false, knownMtu: transport.KnownMtu(peer));
        link.Connected += connection => connection.CarriesGossip = true;
        link.MessageReceived += transport.DeliverGossip;
        link.DialFailed += (reason, count) => events.Publish(new PeerDialFailed(peer, reason, count));
        link.BlackHoleDetected += finding => events.Publish(new PeerBlackHoled(peer, finding));
        link.MtuDiscovered += mtu =>
        {
            transport.RememberMtu(peer, mtu);
            events.Publish(new PathMtuDiscovered(peer, mtu));
        };
        link.Ended += () => Drop(peer, link, "ended");
        return link;
    }

    /// <summary>Removes <paramref name="link"/> if it is still the peer's link, and closes it.</summary>
    private void Drop(EndpointAddress peer, OutboundLink link, string why)
    {
        lock (_gate)
        {
            if (_links.TryGetValue(peer, out var held) && ReferenceEquals(held, link))
            {
                _links.Remove(peer);
            }
        }

        _log.LogDebug("gossip link to {Peer} {Why}", peer, why);
        _ = link.DisposeAsync().AsTask();
    }
}
