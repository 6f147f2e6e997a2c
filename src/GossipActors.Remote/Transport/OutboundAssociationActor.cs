using Akka.Actor;
using Akka.Remote.Transport;
using GossipActors.Protocol.Model;
using GossipActors.Remote.Connections;
using Microsoft.Extensions.Logging;

namespace GossipActors.Remote.Transport;

/// <summary>
/// <c>/system/gossip-transport/outbound-HOST_PORT-N</c>: one association this node opened. It owns an
/// <see cref="OutboundLink"/> that dials once (Akka decides when to associate again) but, on a black hole with MTU
/// discovery on, finds the path MTU, reconnects clamped for it and sends again what may not have arrived. Dial
/// failures, black holes and discovered MTUs are published on the event stream with the peer's gossip address.
/// </summary>
internal sealed class OutboundAssociationActor : AssociationActor
{
    private readonly EndpointAddress _peer;
    private readonly GossipTcpTransport _transport;
    private readonly TaskCompletionSource<OutboundLink> _connected;
    private readonly int _seed;
    private OutboundLink? _link;

    public OutboundAssociationActor(EndpointAddress peer, GossipTcpTransport transport, TaskCompletionSource<OutboundLink> connected, int seed)
        : base(transport.LoggerFactory)
    {
        _peer = peer;
        _transport = transport;
        _connected = connected;
        _seed = seed;
        Receive<AttachHandle>(attach => AwaitReader(attach.Handle));
        Receive<LinkEnded>(_ => End());
        ReceiveAsync<CloseAssociation>(async _ =>
        {
            if (_link?.Current is { IsOpen: true } connection)
            {
                await connection.FlushAsync(GossipTcpTransport.FlushOnClose);
            }

            End();
        });
    }

    protected override void PreStart()
    {
        var self = Self;
        var events = Context.System.EventStream;
        var framer = CreateFramer(_transport.Mailbox);
        var peer = _peer;
        var transport = _transport;
        var connected = _connected;
        var link = new OutboundLink(peer, transport.Dialer, transport.LoggerFactory.CreateLogger("GossipActors.Remote.Outbound"), new Random(_seed), redial: false, knownMtu: transport.KnownMtu(peer));
        link.Connected += connection =>
        {
            connection.AttachFramer(framer);
            connected.TrySetResult(link);
        };
        link.PayloadReceived += Inbox.Receive;
        link.DialFailed += (reason, count) =>
        {
            events.Publish(new PeerDialFailed(peer, reason, count));
            connected.TrySetException(new InvalidAssociationException(reason));
        };
        link.Ended += () =>
        {
            connected.TrySetException(new InvalidAssociationException($"connection to {peer} ended before it was established"));
            self.Tell(LinkEnded.Instance, ActorRefs.NoSender);
        };
        link.BlackHoleDetected += finding => events.Publish(new PeerBlackHoled(peer, finding));
        link.MtuDiscovered += mtu =>
        {
            transport.RememberMtu(peer, mtu);
            events.Publish(new PathMtuDiscovered(peer, mtu));
        };
        _link = link;
        link.Start();
    }

    protected override void PostStop()
    {
        base.PostStop();
        _connected.TrySetException(new InvalidAssociationException($"the association to {_peer} was stopped"));
        var link = _link;
        _link = null;
        // Disposal waits for the link's loop; it must not block the actor's thread.
        _ = link?.DisposeAsync().AsTask();
    }

    internal sealed record AttachHandle(GossipAssociationHandle Handle);

    private sealed class LinkEnded
    {
        public static readonly LinkEnded Instance = new();
    }
}
