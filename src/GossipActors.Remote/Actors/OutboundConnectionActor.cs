using GossipActors.Actors;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using GossipActors.Remote.Connections;
using Microsoft.Extensions.Logging;

namespace GossipActors.Remote.Actors;

/// <summary>
/// One peer's outbound connection: owns an <see cref="OutboundLink"/> (dial with backoff, MTU discovery,
/// black-hole detection) and turns its events into event-stream notifications. A restart disposes the link
/// and builds a fresh one; a failure here never reaches other peers.
/// </summary>
public sealed class OutboundConnectionActor : ReceiveActor
{
    private readonly EndpointAddress _peer;
    private readonly Dialer _dialer;
    private readonly IActorRef _inbound;
    private readonly int _seed;
    private OutboundLink? _link;

    public OutboundConnectionActor(EndpointAddress peer, Dialer dialer, IActorRef inbound, int seed)
    {
        _peer = peer;
        _dialer = dialer;
        _inbound = inbound;
        _seed = seed;
        Receive<IGossipMessage>(message => _link!.Send(message));
        Receive<PeerDialFailed>(failed => Context.System.EventStream.Publish(failed));
        ReceiveAsync<FlushOutbound>(async flush =>
        {
            var connection = _link?.Current;
            if (connection is { IsOpen: true })
            {
                await connection.FlushAsync(flush.Timeout);
            }

            Sender.Tell(new OutboundFlushed(connection is { IsOpen: true } ? 1 : 0));
        });
    }

    protected override void PreStart()
    {
        var system = Context.System;
        var self = Self;
        var local = _dialer.Settings.Address;
        _link = new OutboundLink(_peer, _dialer, system.LoggerFactory.CreateLogger("GossipActors.Remote.Outbound"), new Random(_seed), system.TimeProvider);
        _link.MessageReceived += (_, message) => _inbound.Tell(new GossipEnvelope(_peer, local, message), ActorRefs.NoSender);
        _link.BlackHoleDetected += finding => system.EventStream.Publish(new PeerBlackHoled(_peer, finding));
        _link.MtuDiscovered += mtu => system.EventStream.Publish(new PathMtuDiscovered(_peer, mtu));
        _link.DialFailed += (reason, count) => self.Tell(new PeerDialFailed(_peer, reason, count), ActorRefs.NoSender);
        _link.Start();
    }

    protected override void PostStop()
    {
        var link = _link;
        _link = null;
        // Disposal waits for the link's loop; it must not block the actor's thread.
        _ = link?.DisposeAsync().AsTask();
    }
}
