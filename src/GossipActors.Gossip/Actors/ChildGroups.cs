using System.Globalization;
using Akka.Actor;
using GossipActors.Gossip.Transport;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;

namespace GossipActors.Gossip.Actors;

internal sealed record StartRoundActor(long Round, EndpointAddress Peer, GossipDigestSyn Syn);

internal sealed record ToRound(long Round, object Message);

internal sealed record ToEndpoint(EndpointAddress Endpoint, object Message);

/// <summary>
/// <c>gossip/rounds</c>: parent of the short-lived <c>round-N</c> actors. Creates them on request and
/// routes ACKs to them by round number; a crashing round is restarted (it re-sends nothing, its timeout
/// still ends it).
/// </summary>
internal sealed class RoundsActor : GossipActor
{
    public RoundsActor(GossiperRuntime runtime, IActorRef gossiper)
        : base(runtime.LoggerFactory)
    {
        var transport = runtime.Transport;
        var timeout = runtime.Timings.RoundTimeout;
        var loggers = runtime.LoggerFactory;
        Receive<StartRoundActor>(start => Context.ActorOf(
            runtime.ForTree(DelegateProps.Of(() => new RoundActor(start.Round, start.Peer, start.Syn, transport, gossiper, timeout, loggers))),
            NameOf(start.Round)));
        Receive<ToRound>(message => Context.Child(NameOf(message.Round)).Tell(message.Message, Sender));
    }

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(-1, null, _ => Directive.Restart);

    private static string NameOf(long round) => string.Create(CultureInfo.InvariantCulture, $"round-{round}");
}

/// <summary>
/// <c>gossip/endpoints</c>: parent of one actor per known endpoint, named after its address. Creates an
/// endpoint's actor on its first message and routes by address; messages for an endpoint whose old actor
/// is still stopping (it was removed) wait until the name is free.
/// </summary>
internal sealed class EndpointsActor : GossipActor
{
    private readonly Dictionary<EndpointAddress, List<(object Message, IActorRef Sender)>> _waiting = [];
    private readonly Dictionary<IActorRef, EndpointAddress> _stopping = [];

    public EndpointsActor(GossiperRuntime runtime)
        : base(runtime.LoggerFactory)
    {
        var transport = runtime.Transport;
        var loggers = runtime.LoggerFactory;
        Receive<ToEndpoint>(message =>
        {
            if (_waiting.TryGetValue(message.Endpoint, out var queue))
            {
                queue.Add((message.Message, Sender));
                return;
            }

            var name = NameOf(message.Endpoint);
            var child = Context.Child(name);
            if (child.Equals(ActorRefs.Nobody))
            {
                var endpoint = message.Endpoint;
                child = Context.ActorOf(runtime.ForTree(DelegateProps.Of(() => new EndpointActor(endpoint, transport, loggers))), name);
            }

            child.Tell(message.Message, Sender);
            if (message.Message is EndpointUpdate { Event.Kind: Protocol.Gossip.MembershipEventKind.Removed })
            {
                // The actor stops itself after publishing Removed; hold later messages until it is gone.
                Context.Watch(child);
                _stopping[child] = message.Endpoint;
                _waiting[message.Endpoint] = [];
            }
        });
        Receive<GetEndpointActor>(query =>
            Sender.Tell(_waiting.ContainsKey(query.Endpoint) ? ActorRefs.Nobody : Context.Child(NameOf(query.Endpoint))));
        Receive<ResyncEndpoint>(message => Context.Parent.Forward(message));
        Receive<Terminated>(terminated =>
        {
            if (!_stopping.Remove(terminated.ActorRef, out var endpoint) || !_waiting.Remove(endpoint, out var queue))
            {
                return;
            }

            foreach (var (message, sender) in queue)
            {
                Self.Tell(new ToEndpoint(endpoint, message), sender);
            }
        });
    }

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(-1, null, _ => Directive.Restart);

    /// <summary>The address as an actor name (characters actor names do not allow become '_').</summary>
    internal static string NameOf(EndpointAddress endpoint)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{endpoint.Host}:{endpoint.Port}");
        return string.Concat(text.Select(c => char.IsAsciiLetterOrDigit(c) || "-_.:@&=+,!~*';".Contains(c, StringComparison.Ordinal) ? c : '_'));
    }
}
