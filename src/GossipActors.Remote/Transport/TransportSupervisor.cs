using Akka.Actor;
using GossipActors.Gossip.Actors;

namespace GossipActors.Remote.Transport;

/// <summary>
/// <c>/system/gossip-transport</c>: parent of every connection actor. A connection actor that fails is stopped, which
/// closes its connection and tells Akka the association ended: one bad peer costs only its own connection.
/// </summary>
internal sealed class TransportSupervisor : GossipActor
{
    private int _outbound;
    private int _inbound;

    public TransportSupervisor()
        : base(loggerFactory: null)
    {
        Receive<StartOutbound>(start =>
        {
            var name = $"outbound-{ChildName(start.Peer)}-{++_outbound}";
            Sender.Tell(Context.ActorOf(start.Props, name));
        });
        Receive<StartInbound>(start => Context.ActorOf(start.Props, $"inbound-{++_inbound}"));
        Receive<ForgetPeer>(forget =>
        {
            var prefix = $"outbound-{ChildName(forget.Peer)}-";
            foreach (var child in Context.GetChildren().Where(c => c.Path.Name.StartsWith(prefix, StringComparison.Ordinal)))
            {
                child.Tell(CloseAssociation.Instance);
            }
        });
        ReceiveAsync<CloseAll>(async close =>
        {
            var replyTo = Sender;
            var children = Context.GetChildren().ToList();
            var stopped = children.Select(child => child.WatchAsync()).ToList();
            foreach (var child in children)
            {
                child.Tell(CloseAssociation.Instance);
            }

            await Task.WhenAny(Task.WhenAll(stopped), Task.Delay(close.Timeout));
            replyTo.Tell(global::Akka.Done.Instance);
        });
    }

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);

    /// <summary>Actor names allow ':' but not brackets or '%'; IPv6 hosts keep their colons.</summary>
    internal static string ChildName(Protocol.Model.EndpointAddress peer) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{peer.Host.Replace('%', '~')}_{peer.Port}");

    internal sealed record StartOutbound(Protocol.Model.EndpointAddress Peer, Props Props);

    internal sealed record StartInbound(Props Props);

    internal sealed record CloseAll(TimeSpan Timeout);
}
