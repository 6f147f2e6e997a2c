using Akka.Actor;
using GossipActors.Remote.Connections;
using Microsoft.Extensions.Logging;

namespace GossipActors.Remote.Transport;

/// <summary>
/// <c>/system/gossip-transport/inbound-N</c>: one association a peer opened to us, past TLS and our handshake. Akka
/// hears of it only with its first payload: MTU probes and black-hole reports open connections that never carry
/// one, and must not become associations that Akka then waits on for its own handshake. When the peer's link found a
/// black hole and reconnects with a smaller segment size, the new connection continues this association (same Akka
/// handle, same reader), so what the application sent is not lost with the stalled connection. A connection that
/// carries gossip (a peer's gossip link, <see cref="GossipLinks"/>) hands each message to the gossiper instead.
/// </summary>
internal sealed class InboundAssociationActor : AssociationActor
{
    private readonly GossipTcpTransport _transport;
    private readonly ConnectionSlot _slot;
    private IActorRef _framer = ActorRefs.Nobody;

    /// <summary>Set on the read loop when a gossip message arrives: such a connection may resume like an association.</summary>
    private volatile bool _carriesGossip;

    public InboundAssociationActor(Connection connection, GossipTcpTransport transport)
        : base(transport.LoggerFactory)
    {
        _slot = new ConnectionSlot(connection);
        _transport = transport;
        Receive<ConnectionClosed>(closed => OnClosed(closed.Connection));
        Receive<Resume>(resume => Adopt(resume.Connection));
        Receive<ResumeExpired>(expired =>
        {
            if (ReferenceEquals(expired.Connection, _slot.Current) && !expired.Connection.IsOpen)
            {
                Log.LogInformation("{Peer} did not resume its link within {Grace}; the association ends", expired.Connection.Peer, _transport.ResumeGrace);
                End();
            }
        });
        ReceiveAsync<CloseAssociation>(async _ =>
        {
            await _slot.Current.FlushAsync(GossipTcpTransport.FlushOnClose);
            End();
        });
    }

    protected override void PreStart()
    {
        _framer = CreateFramer(_transport.Mailbox);
        if (_slot.Current.LinkId != Guid.Empty)
        {
            _transport.RegisterLink(_slot.Current.LinkId, Self);
        }

        Attach(_slot.Current);
    }

    protected override void OnFirstPayload()
    {
        if (Handle is null)
        {
            var slot = _slot;
            var first = slot.Current;
            var handle = new GossipAssociationHandle(
                _transport.DriverAddress,
                _transport.DriverAddressOf(first.RemoteHello?.Sender ?? new(first.RemoteEndPoint.Address.ToString(), first.RemoteEndPoint.Port)),
                Self,
                pdu => slot.Current.SendPayload(pdu),
                () => slot.Current.QueuedBytes);
            AwaitReader(handle);
            _transport.AnnounceInbound(handle);
        }
    }

    protected override void PostStop()
    {
        base.PostStop();
        if (_slot.Current.LinkId != Guid.Empty)
        {
            _transport.UnregisterLink(_slot.Current.LinkId, Self);
        }

        _ = _slot.Current.CloseAsync(null);
    }

    private void Attach(Connection connection)
    {
        var self = Self;
        connection.AttachFramer(_framer);
        connection.Closed += (closed, _) => self.Tell(new ConnectionClosed(closed), ActorRefs.NoSender);
        connection.PayloadReceived += Inbox.Receive;
        var transport = _transport;
        connection.MessageReceived += (from, message) =>
        {
            _carriesGossip = true;
            transport.DeliverGossip(from, message);
        };
        if (!connection.IsOpen)
        {
            self.Tell(new ConnectionClosed(connection), ActorRefs.NoSender);
        }
    }

    private void Adopt(Connection connection)
    {
        var previous = _slot.Current;
        _slot.Current = connection;
        Timers.Cancel("resume");
        Log.LogInformation("{Peer} resumed its link on a new connection", connection.RemoteHello?.Sender.ToString() ?? connection.Peer);
        _ = previous.CloseAsync(null);
        Attach(connection);
    }

    private void OnClosed(Connection connection)
    {
        if (!ReferenceEquals(connection, _slot.Current))
        {
            return;
        }

        // A link that can resume gets a grace period: its dialer may be finding the path MTU before it reconnects.
        if (connection.LinkId != Guid.Empty && (Handle is not null || _carriesGossip))
        {
            Timers.StartSingleTimer("resume", new ResumeExpired(connection), _transport.ResumeGrace);
            return;
        }

        End();
    }

    /// <summary>To the actor that holds a link's association: a new connection of the same link continues it.</summary>
    internal sealed record Resume(Connection Connection);

    private sealed record ConnectionClosed(Connection Connection);

    private sealed record ResumeExpired(Connection Connection);

    /// <summary>The connection the association currently writes to: Akka's writer thread reads it, the actor swaps it.</summary>
    private sealed class ConnectionSlot(Connection initial)
    {
        private Connection _current = initial;

        public Connection Current
        {
            get => Volatile.Read(ref _current);
            set => Volatile.Write(ref _current, value);
        }
    }
}
