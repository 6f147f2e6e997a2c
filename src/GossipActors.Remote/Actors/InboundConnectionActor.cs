using GossipActors.Actors;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using GossipActors.Remote.Connections;

namespace GossipActors.Remote.Actors;

/// <summary>
/// One accepted connection: hands every gossip message to the inbound actor as an envelope from the sender's
/// advertised address (replies go back over our own outbound connection to that address), and stops itself
/// when the connection closes.
/// </summary>
public sealed class InboundConnectionActor : ReceiveActor
{
    private readonly Connection _connection;

    public InboundConnectionActor(Connection connection, EndpointAddress local, IActorRef inbound)
    {
        _connection = connection;
        var from = connection.RemoteHello?.Sender ?? new EndpointAddress(connection.RemoteEndPoint.Address.ToString(), connection.RemoteEndPoint.Port);
        connection.MessageReceived += (_, message) => inbound.Tell(new GossipEnvelope(from, local, message), ActorRefs.NoSender);
        Receive<ConnectionClosed>(_ => Context.Stop(Self));
    }

    protected override void PreStart()
    {
        var self = Self;
        _connection.Closed += (_, _) => self.Tell(ConnectionClosed.Instance, ActorRefs.NoSender);
        if (!_connection.IsOpen)
        {
            Context.Stop(Self);
        }
    }

    protected override void PostStop() => _ = _connection.CloseAsync(null);

    private sealed class ConnectionClosed
    {
        public static readonly ConnectionClosed Instance = new();
    }
}
