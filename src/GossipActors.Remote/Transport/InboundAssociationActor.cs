using Akka.Actor;
using GossipActors.Remote.Connections;
using Microsoft.Extensions.Logging;

namespace GossipActors.Remote.Transport;

/// <summary>
/// <c>/system/gossip-transport/inbound-N</c>: one connection a peer opened to us, past TLS and our handshake. Akka
/// hears of it only with its first payload: MTU probes and black-hole reports open connections that never carry
/// one, and must not become associations that Akka then waits on for its own handshake.
/// </summary>
internal sealed class InboundAssociationActor : AssociationActor
{
    private readonly Connection _connection;
    private readonly GossipTcpTransport _transport;

    public InboundAssociationActor(Connection connection, GossipTcpTransport transport)
        : base(transport.LoggerFactory.CreateLogger("GossipActors.Remote.Inbound"))
    {
        _connection = connection;
        _transport = transport;
        Receive<ConnectionClosed>(_ => End());
        ReceiveAsync<CloseAssociation>(async _ =>
        {
            await _connection.FlushAsync(GossipTcpTransport.FlushOnClose);
            End();
        });
    }

    protected override void PreStart()
    {
        var self = Self;
        var framer = CreateFramer(_transport.LoggerFactory.CreateLogger("GossipActors.Remote.Framing"));
        _connection.AttachFramer(framer);
        _connection.Closed += (_, _) => self.Tell(ConnectionClosed.Instance, ActorRefs.NoSender);
        _connection.PayloadReceived += (_, payload) => self.Tell(new PayloadArrived(payload), ActorRefs.NoSender);
        if (!_connection.IsOpen)
        {
            End();
        }
    }

    protected override void OnPayload(byte[] payload)
    {
        if (Handle is null)
        {
            var connection = _connection;
            var handle = new GossipAssociationHandle(
                _transport.DriverAddress,
                _transport.DriverAddressOf(connection.RemoteHello?.Sender ?? new(connection.RemoteEndPoint.Address.ToString(), connection.RemoteEndPoint.Port)),
                Self,
                payload => connection.SendPayload(payload),
                () => connection.QueuedBytes);
            AwaitReader(handle);
            _transport.AnnounceInbound(handle);
        }

        base.OnPayload(payload);
    }

    protected override void PostStop()
    {
        base.PostStop();
        _ = _connection.CloseAsync(null);
    }

    private sealed class ConnectionClosed
    {
        public static readonly ConnectionClosed Instance = new();
    }
}
