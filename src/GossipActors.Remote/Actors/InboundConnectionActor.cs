using GossipActors.Actors;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using GossipActors.Remote.Connections;

namespace GossipActors.Remote.Actors;

/// <summary>
/// One accepted connection: hands its framing to a child <see cref="FramerActor"/> (<c>framer</c>), gives every
/// gossip message the framer rebuilt to the inbound actor as an envelope from the sender's advertised address
/// (replies go back over our own outbound connection to that address), and stops itself when the connection
/// closes.
/// </summary>
public sealed class InboundConnectionActor : ReceiveActor
{
    private readonly Connection _connection;

    public InboundConnectionActor(Connection connection, EndpointAddress local, IActorRef inbound)
    {
        _connection = connection;
        var from = connection.RemoteHello?.Sender ?? new EndpointAddress(connection.RemoteEndPoint.Address.ToString(), connection.RemoteEndPoint.Port);
        connection.MessageReceived += (_, message) => inbound.Tell(new GossipEnvelope(from, local, message), ActorRefs.NoSender);
        Receive<FramesReassembled>(reassembled => _connection.Deliver(reassembled.Messages), reassembled => ReferenceEquals(reassembled.Link, _connection));
        Receive<FramingFailed>(failed => _ = _connection.CloseAfterFramingFailureAsync(failed.Reason), failed => ReferenceEquals(failed.Link, _connection) && _connection.IsOpen);
        Receive<FramingFailed>(_ => { });
        Receive<ConnectionClosed>(_ => Context.Stop(Self));
    }

    protected override void PreStart()
    {
        // A restart has already closed the connection (PostStop): nothing left to serve.
        if (!_connection.IsOpen)
        {
            Context.Stop(Self);
            return;
        }

        var self = Self;
        _connection.Closed += (_, _) => self.Tell(ConnectionClosed.Instance, ActorRefs.NoSender);
        var framer = Context.ActorOf(Props.Create(() => new FramerActor(self, FramerActor.DefaultBatchBytes)), "framer");
        _connection.AttachFramer(framer);
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
