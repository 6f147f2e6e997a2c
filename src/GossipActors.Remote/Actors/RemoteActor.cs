using System.Globalization;
using GossipActors.Actors;
using GossipActors.Protocol.Model;
using GossipActors.Remote.Connections;
using GossipActors.Remote.Tls;
using Microsoft.Extensions.Logging;

namespace GossipActors.Remote.Actors;

/// <summary>
/// <c>/user/remote</c>: owns the listener, creates one outbound connection actor per peer on first send and
/// one inbound connection actor per accepted connection. Connection actors are restarted on failure
/// (OneForOne), so a bad peer costs only its own connection.
/// </summary>
public sealed class RemoteActor : ReceiveActor
{
    private readonly RemoteSettings _settings;
    private readonly TlsMaterial? _tls;
    private readonly IActorRef _inbound;
    private readonly Random _random;
    private Listener? _listener;
    private Dialer? _dialer;
    private readonly HashSet<EndpointAddress> _forgotten = [];
    private int _inboundCount;

    public RemoteActor(RemoteSettings settings, IActorRef inbound, TlsMaterial? tls, int seed)
    {
        _settings = settings;
        _inbound = inbound;
        _tls = tls;
        _random = new Random(seed);
        Receive<SendTo>(send => OutboundFor(send.To).Tell(send.Message, Self));
        Receive<ForgetPeer>(forget =>
        {
            // Stopping the connection actor disposes its link, which ends the reconnect loop; a later send (a reply to
            // the departed peer's own gossip) re-creates it without redialling.
            _forgotten.Add(forget.Peer);
            var outbound = Context.Child(ChildName(forget.Peer));
            if (!outbound.Equals(ActorRefs.Nobody))
            {
                Context.Stop(outbound);
            }
        });
        ReceiveAsync<FlushOutbound>(async flush =>
        {
            var replyTo = Sender;
            var outbound = Context.Children.Where(c => c.Path.Name.StartsWith("outbound-", StringComparison.Ordinal)).ToList();
            var flushed = 0;
            var answers = outbound.Select(c => c.Ask<OutboundFlushed>(flush, flush.Timeout + TimeSpan.FromSeconds(1))).ToList();
            foreach (var answer in answers)
            {
                try
                {
                    flushed += (await answer).Connections;
                }
                catch (TimeoutException)
                {
                    // A connection that cannot flush in time is not waited for; stopping goes on.
                }
            }

            replyTo.Tell(new OutboundFlushed(flushed));
        });
        Receive<InboundAccepted>(accepted =>
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"inbound-{++_inboundCount}");
            Context.ActorOf(Props.Create(() => new InboundConnectionActor(accepted.Connection, _settings.Address, _inbound)), name);
        });
    }

    /// <summary>The address actually bound (port 0 in settings picks a free port).</summary>
    public static EndpointAddress BoundAddress(Listener listener) => listener.Settings.ListenAddress ?? listener.Settings.Address;

    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(-1, null, error => error is ActorInitializationException ? Directive.Stop : Directive.Restart);

    protected override void PreStart()
    {
        var self = Self;
        var logger = Context.System.LoggerFactory.CreateLogger("GossipActors.Remote");
        _listener = Listener.Start(_settings, logger, connection => self.Tell(new InboundAccepted(connection), ActorRefs.NoSender), _tls, Context.System.TimeProvider);
        _dialer = new Dialer(_listener.Settings, logger, _tls, Context.System.TimeProvider);
        if (_listener.Settings.ListenAddress is { } listen)
        {
            logger.LogInformation("remote transport listening on {Listen}, known to peers as {Address}", listen, _listener.Settings.Address);
        }
        else
        {
            logger.LogInformation("remote transport listening on {Address}", _listener.Settings.Address);
        }
    }

    protected override void PostStop()
    {
        var listener = _listener;
        _listener = null;
        _ = listener?.DisposeAsync().AsTask();
    }

    private IActorRef OutboundFor(EndpointAddress peer)
    {
        var name = ChildName(peer);
        var existing = Context.Child(name);
        if (!existing.Equals(ActorRefs.Nobody))
        {
            return existing;
        }

        var dialer = _dialer!;
        var seed = _random.Next();
        var redial = !_forgotten.Contains(peer);
        return Context.ActorOf(Props.Create(() => new OutboundConnectionActor(peer, dialer, _inbound, seed, redial)), name);
    }

    /// <summary>Actor names allow ':' but not brackets; IPv6 hosts keep their colons.</summary>
    internal static string ChildName(EndpointAddress peer) =>
        string.Create(CultureInfo.InvariantCulture, $"outbound-{peer.Host.Replace('%', '~')}_{peer.Port}");
}
