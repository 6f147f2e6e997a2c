using GossipActors.Actors;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using GossipActors.Remote.Connections;
using Microsoft.Extensions.Logging;

namespace GossipActors.Remote.Actors;

/// <summary>
/// One peer's outbound connection: owns an <see cref="OutboundLink"/> (dial with backoff, MTU discovery,
/// black-hole detection) and turns its events into event-stream notifications. Every connection the link
/// establishes hands its framing to the child <see cref="FramerActor"/> (<c>framer</c>), which outlives
/// reconnects. A restart disposes the link and builds a fresh one; a failure here never reaches other peers.
/// </summary>
public sealed class OutboundConnectionActor : ReceiveActor
{
    private readonly EndpointAddress _peer;
    private readonly Dialer _dialer;
    private readonly IActorRef _inbound;
    private readonly int _seed;
    private readonly bool _redial;
    private OutboundLink? _link;
    private IActorRef _framer = ActorRefs.Nobody;

    /// <param name="redial">False for a peer that left the cluster: the actor stops when its one connection ends.</param>
    public OutboundConnectionActor(EndpointAddress peer, Dialer dialer, IActorRef inbound, int seed, bool redial = true)
    {
        _redial = redial;
        _peer = peer;
        _dialer = dialer;
        _inbound = inbound;
        _seed = seed;
        Receive<IGossipMessage>(message => _link!.Send(message));
        Receive<PeerDialFailed>(failed => Context.System.EventStream.Publish(failed));
        Receive<LinkEnded>(_ => Context.Stop(Self));
        Receive<FramesReassembled>(reassembled => ((Connection)reassembled.Link).Deliver(reassembled.Messages), reassembled => reassembled.Link is Connection);
        Receive<FramingFailed>(failed =>
        {
            if (failed.Link is Connection { IsOpen: true } connection)
            {
                // The link sees the connection end and dials again.
                _ = connection.CloseAfterFramingFailureAsync(failed.Reason);
            }
        });
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
        _framer = Context.Child("framer");
        if (_framer.Equals(ActorRefs.Nobody))
        {
            _framer = Context.ActorOf(Props.Create(() => new FramerActor(self, FramerActor.DefaultBatchBytes)), "framer");
        }

        var framer = _framer;
        _link = new OutboundLink(_peer, _dialer, system.LoggerFactory.CreateLogger("GossipActors.Remote.Outbound"), new Random(_seed), system.TimeProvider, _redial);
        _link.Ended += () => self.Tell(LinkEnded.Instance, ActorRefs.NoSender);
        _link.MessageReceived += (_, message) => _inbound.Tell(new GossipEnvelope(_peer, local, message), ActorRefs.NoSender);
        _link.BlackHoleDetected += finding => system.EventStream.Publish(new PeerBlackHoled(_peer, finding));
        _link.MtuDiscovered += mtu => system.EventStream.Publish(new PathMtuDiscovered(_peer, mtu));
        _link.DialFailed += (reason, count) => self.Tell(new PeerDialFailed(_peer, reason, count), ActorRefs.NoSender);
        _link.Connected += connection => connection.AttachFramer(framer);
        _link.Start();
    }

    /// <summary>Keeps the framer across a restart: only the link is rebuilt, and the framer follows its next connection.</summary>
    protected override void PreRestart(Exception reason, object? message) => PostStop();

    protected override void PostStop()
    {
        var link = _link;
        _link = null;
        // Disposal waits for the link's loop; it must not block the actor's thread.
        _ = link?.DisposeAsync().AsTask();
    }
}
