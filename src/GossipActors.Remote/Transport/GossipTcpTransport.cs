using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Akka.Actor;
using Akka.Remote.Transport;
using GossipActors.Akka.Configuration;
using GossipActors.Akka.Loop;
using GossipActors.Gossip.Logging;
using GossipActors.Gossip.Actors;
using GossipActors.Hocon;
using GossipActors.Protocol.Codec;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using GossipActors.Remote.Connections;
using GossipActors.Remote.Datagrams;
using GossipActors.Remote.Diagnostics;
using GossipActors.Remote.Tls;
using Microsoft.Extensions.Logging;
using AkkaConfig = Akka.Configuration.Config;

namespace GossipActors.Remote.Transport;

/// <summary>
/// Our TCP code as an Akka.Remote transport (scheme <c>gtcp</c>, addresses <c>akka.gtcp://system@host:port</c>), for
/// gossip and for every message the application's own actors send to remote actors. Each connection is an actor with
/// a <c>framer</c> child that cuts every Akka PDU into frames that fit the MTU, small ones first; the socket is ours,
/// so the TCP segment clamp, black-hole detection, MTU discovery, mutual TLS, compression and the cluster-name
/// handshake apply to everything. Enabled with
/// <code>
/// akka.actor.provider = remote
/// akka.remote.enabled-transports = ["akka.remote.gossip-tcp"]
/// </code>
/// (hocon/reference.conf names the class); it reads the <c>remote</c> and <c>gossip</c> sections like the rest of
/// GossipActors, never <c>akka.remote.gossip-tcp</c>'s own keys.
/// </summary>
public sealed class GossipTcpTransport : global::Akka.Remote.Transport.Transport
{
    /// <summary>The URI scheme Akka shows as <c>akka.gtcp</c>.</summary>
    public const string SchemeName = "gtcp";

    /// <summary>How long closing an association waits for its queued frames (a shutdown announcement) to reach the socket.</summary>
    internal static readonly TimeSpan FlushOnClose = TimeSpan.FromSeconds(2);

    private static readonly ConditionalWeakTable<ActorSystem, GossipTcpTransport> Running = new();

    private readonly ExtendedActorSystem _system;
    private readonly TaskCompletionSource<IAssociationEventListener> _associations = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<EndpointAddress, int> _discoveredMtu = new();
    private readonly ConcurrentDictionary<Guid, IActorRef> _links = new();
    private readonly TlsMaterial? _tls;
    private readonly Random _seeds = new();
    private readonly ILogger _log;
    private RemoteSettings _settings;
    private Listener? _listener;
    private Dialer? _dialer;
    private IActorRef _supervisor = ActorRefs.Nobody;
    private IActorRef _gossiper = ActorRefs.Nobody;
    private GossipLinks? _gossipLinks;
    private HeartbeatDatagramSocket? _datagrams;

    /// <summary>Per peer, the connection its last SYN came in on: where a small ACK to it goes (see <see cref="SendGossip"/>).</summary>
    private readonly ConcurrentDictionary<EndpointAddress, Connection> _replyConnections = new();

    /// <summary>
    /// The largest ACK sent back on the SYN's connection: well under any path's MTU, so no black hole can swallow it
    /// on a direction whose stalls nobody watches; an idle round's ACK at N = 32 is about 60 bytes.
    /// </summary>
    private const int SmallReplyBytes = 500;

    /// <summary>Akka's constructor: <paramref name="config"/> is <c>akka.remote.gossip-tcp</c>, which carries only the class.</summary>
    /// <exception cref="ConfigException">A <c>remote</c> setting is invalid; the message names it.</exception>
    public GossipTcpTransport(ActorSystem system, AkkaConfig config)
    {
        ArgumentNullException.ThrowIfNull(system);
        _system = (ExtendedActorSystem)system;
        System = system;
        Config = config;
        SchemeIdentifier = SchemeName;
        LoggerFactory = LoggerFactorySetup.For(system);
        _log = LoggerFactory.CreateLogger("GossipActors.Remote");
        Counters = new TransportCounters();
        var ours = HoconConfig.LoadWithDefaults(AkkaConfigBridge.FromAkka(system.Settings.Config, "gossip", "remote"));
        _settings = RemoteSettingsBinder.Bind(ours) with
        {
            Counters = Counters,
            Generation = RandomNumberGenerator.GetInt32(1, int.MaxValue),
            StallCheckClock = EventLoop.Of(system.Scheduler),
        };
        MaximumPayloadBytes = _settings.MaximumMessageSize - WireFormat.HeaderSize;
        _tls = _settings.Tls.Enabled ? TlsMaterial.Load(_settings.Tls) : null;
    }

    /// <summary>Traffic, incident and per-peer counters: <c>/metrics</c> and the per-seed "Unable to gossip with any seeds" diagnosis.</summary>
    public TransportCounters Counters { get; }

    /// <summary>The settings in force, with the port actually bound once listening.</summary>
    public RemoteSettings Settings => _settings;

    /// <summary>This node's Akka address, <c>akka.gtcp://…</c> (the advertised one: <c>remote.broadcast-address</c> when set).</summary>
    public Address LocalAddress { get; private set; } = Address.AllSystems;

    /// <summary>
    /// The same address as this driver speaks it to Akka, with the bare scheme <c>gtcp</c>: Akka's protocol layer,
    /// wrapped around every driver, adds the <c>akka.</c> prefix on the way up and strips it on the way down.
    /// </summary>
    internal Address DriverAddress { get; private set; } = Address.AllSystems;

    internal ILoggerFactory LoggerFactory { get; }

    /// <summary>The gossip tree's mailbox (<c>akka.actor.gossip-mailbox</c>), so tpstats counts connection actors' queues too.</summary>
    internal string Mailbox { get; private set; } = GossiperRuntime.MailboxKey;

    internal Dialer Dialer => _dialer ?? throw new InvalidOperationException("the gtcp transport is not listening yet");

    /// <summary>The running transport of <paramref name="system"/>, or null when it does not use gtcp (or has not started it yet).</summary>
    public static GossipTcpTransport? For(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return Running.TryGetValue(system, out var transport) ? transport : null;
    }

    /// <summary>The Akka address of the node whose gossip identity is <paramref name="endpoint"/>, in this system's name.</summary>
    public Address AddressOf(EndpointAddress endpoint) => new(ProtocolScheme, _system.Name, endpoint.Host, endpoint.Port);

    internal Address DriverAddressOf(EndpointAddress endpoint) => new(SchemeName, _system.Name, endpoint.Host, endpoint.Port);

    /// <summary>The full scheme of addresses over this transport, with Akka's protocol prefix.</summary>
    public static string ProtocolScheme => "akka." + SchemeName;

    public override Task<(Address, TaskCompletionSource<IAssociationEventListener>)> Listen()
    {
        Mailbox = GossiperRuntime.MailboxOf(_system);
        _supervisor = _system.SystemActorOf(Props.Create(() => new TransportSupervisor()).WithMailbox(Mailbox), "gossip-transport");
        var supervisor = _supervisor;
        var transport = this;
        _listener = Listener.Start(
            _settings,
            _log,
            connection =>
            {
                if (connection.LinkId != Guid.Empty && _links.TryGetValue(connection.LinkId, out var owner))
                {
                    owner.Tell(new InboundAssociationActor.Resume(connection));
                }
                else
                {
                    supervisor.Tell(new TransportSupervisor.StartInbound(Props.Create(() => new InboundAssociationActor(connection, transport)).WithMailbox(transport.Mailbox)));
                }
            },
            _tls,
            resumes: _links.ContainsKey);
        _settings = _listener.Settings;
        _dialer = new Dialer(_settings, _log, _tls);
        _gossipLinks = new GossipLinks(this, _system.EventStream);
        if (_settings.HeartbeatDatagrams)
        {
            _datagrams = HeartbeatDatagramSocket.TryOpen(_listener.LocalEndPoint, _settings, _log, DeliverDatagram);
        }

        LocalAddress = AddressOf(_settings.Address);
        DriverAddress = DriverAddressOf(_settings.Address);
        Running.AddOrUpdate(_system, this);
        if (_settings.ListenAddress is { } listen)
        {
            _log.LogInformation("gtcp transport listening on {Listen}, known to peers as {Address}", listen, _settings.Address);
        }
        else
        {
            _log.LogInformation("gtcp transport listening on {Address}", _settings.Address);
        }

        // Fingerprints only: an operator compares them across nodes during a rotation; the keys never reach a log.
        _log.LogInformation(
            "gtcp connections: {Keyring}",
            _settings.Keyring is { } keyring ? $"keyring of {keyring} required" : "no keyring (remote.keyring): the cluster name is the only check without TLS");

        return Task.FromResult((DriverAddress, _associations));
    }

    public override bool IsResponsibleFor(Address remote) => true;

    /// <summary>
    /// Sends a gossip message to the node whose gossip identity is <paramref name="to"/> on gossip's own connection to
    /// it (dialled on first use), not through Akka.Remote. Dropped, as Akka would drop it, when the transport is not
    /// listening or has shut down.
    /// </summary>
    public void SendGossip(EndpointAddress to, IGossipMessage message)
    {
        // A small ACK goes back on the connection its SYN came in on: it carries the TCP acknowledgement of the SYN, and
        // the ACK2 that answers it, on the same connection, carries the acknowledgement of the ACK, so an exchange is
        // four packets instead of six. A large one (a joiner's state) goes on our own link, whose black-hole detection
        // and MTU discovery watch the direction that carries it.
        if (message is GossipDigestAck && _replyConnections.TryGetValue(to, out var back) && back.IsOpen &&
            back.TrySendSmall(message, SmallReplyBytes))
        {
            return;
        }

        _gossipLinks?.Send(to, message);
    }

    /// <summary>Whether heartbeats and watches may come to this node as UDP datagrams (<c>remote.heartbeat-datagrams</c>, and the socket bound).</summary>
    public bool AcceptsDatagrams => _datagrams is not null;

    /// <summary>
    /// Sends a heartbeat or a watch as a UDP datagram to <paramref name="to"/>'s address; on the gossip link, as
    /// <see cref="SendGossip"/> does, when this node has no datagram socket.
    /// </summary>
    public void SendDatagram(EndpointAddress to, IGossipMessage message)
    {
        if (_datagrams is { } datagrams)
        {
            datagrams.Send(to, message);
        }
        else
        {
            SendGossip(to, message);
        }
    }

    private void DeliverDatagram(EndpointAddress sender, IGossipMessage message)
    {
        var gossiper = Volatile.Read(ref _gossiper);
        if (!gossiper.IsNobody())
        {
            gossiper.Tell(new GossipEnvelope(sender, _settings.Address, message), ActorRefs.NoSender);
        }
    }

    /// <summary>Whether this node holds a gossip link to <paramref name="peer"/> (connected, dialling or queueing).</summary>
    internal bool HoldsGossipLink(EndpointAddress peer) => _gossipLinks?.Holds(peer) == true;

    /// <summary>Where gossip messages arriving on this node's connections go: the gossiper, which sees each as a <see cref="GossipEnvelope"/>.</summary>
    public void AttachGossiper(IActorRef gossiper) => Volatile.Write(ref _gossiper, gossiper);

    /// <summary>Gossip came from <paramref name="peer"/> running as <paramref name="incarnation"/>: a link to an earlier one is replaced.</summary>
    internal void SawGossipFrom(EndpointAddress peer, int incarnation) => _gossipLinks?.SawIncarnation(peer, incarnation);

    /// <summary>A gossip message arrived on <paramref name="connection"/>, from the peer its handshake named.</summary>
    internal void DeliverGossip(Connection connection, IGossipMessage message)
    {
        // No keep-alives, delayed ACKs (see Connection.CarriesGossip).
        connection.CarriesGossip = true;
        if (connection.RemoteHello is { } hello)
        {
            SawGossipFrom(hello.Sender, hello.Generation);
            if (message is GossipDigestSyn)
            {
                _replyConnections[hello.Sender] = connection;
            }
        }

        // On a peer's link (accepted here) its Hello names it; on our own link, its HelloAccepted (an ACK sent back).
        var gossiper = Volatile.Read(ref _gossiper);
        if ((connection.RemoteHello?.Sender ?? connection.RemoteAccepted?.Sender) is not { } sender || gossiper.IsNobody())
        {
            _log.LogDebug("dropping {Message} from {Peer}: no gossiper runs on this node", message.GetType().Name, connection.Peer);
            return;
        }

        gossiper.Tell(new GossipEnvelope(sender, _settings.Address, message), ActorRefs.NoSender);
    }

    public override async Task<AssociationHandle> Associate(Address remoteAddress)
    {
        ArgumentNullException.ThrowIfNull(remoteAddress);
        if (remoteAddress.Host is not { } host || remoteAddress.Port is not { } port)
        {
            throw new InvalidAssociationException($"{remoteAddress} has no host and port");
        }

        var peer = new EndpointAddress(host, port);
        var connected = new TaskCompletionSource<OutboundLink>(TaskCreationOptions.RunContinuationsAsynchronously);
        int seed;
        lock (_seeds)
        {
            seed = _seeds.Next();
        }

        var transport = this;
        var props = Props.Create(() => new OutboundAssociationActor(peer, transport, connected, seed)).WithMailbox(Mailbox);
        var actor = await _supervisor.Ask<IActorRef>(new TransportSupervisor.StartOutbound(peer, props), _settings.ConnectTimeout).ConfigureAwait(false);
        var link = await connected.Task.ConfigureAwait(false);
        var handle = new GossipAssociationHandle(DriverAddress, remoteAddress, actor, link.SendPayload, () => link.Current?.QueuedBytes ?? 0);
        actor.Tell(new OutboundAssociationActor.AttachHandle(handle));
        return handle;
    }

    public override async Task<bool> Shutdown()
    {
        Running.Remove(_system);
        var listener = _listener;
        _listener = null;
        if (listener is not null)
        {
            await listener.DisposeAsync().ConfigureAwait(false);
        }

        if (_gossipLinks is { } gossipLinks)
        {
            await gossipLinks.CloseAllAsync(FlushOnClose).ConfigureAwait(false);
        }

        if (Interlocked.Exchange(ref _datagrams, null) is { } datagrams)
        {
            await datagrams.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            await _supervisor.Ask<global::Akka.Done>(new TransportSupervisor.CloseAll(FlushOnClose), FlushOnClose + TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }
        catch (Exception error) when (error is AskTimeoutException or TaskCanceledException)
        {
            _log.LogDebug("gtcp transport: connections did not all close within {Timeout}", FlushOnClose);
        }

        _tls?.Dispose();
        return true;
    }

    public override Task<bool> ManagementCommand(object message)
    {
        if (message is ForgetPeer forget)
        {
            _gossipLinks?.Forget(forget.Peer);
            _replyConnections.TryRemove(forget.Peer, out _);
            _supervisor.Tell(forget);
            return Task.FromResult(true);
        }

        return Task.FromResult(false);
    }

    /// <summary>
    /// How long an inbound association whose connection closed waits for its link to resume: the dialer's stall
    /// detection and MTU discovery (a few probes, each at most remote.stall-timeout) plus a connect.
    /// </summary>
    internal TimeSpan ResumeGrace => (_settings.StallTimeout * 3) + _settings.ConnectTimeout;

    internal void RegisterLink(Guid link, IActorRef owner) => _links[link] = owner;

    internal void UnregisterLink(Guid link, IActorRef owner) => _links.TryRemove(new KeyValuePair<Guid, IActorRef>(link, owner));

    internal int? KnownMtu(EndpointAddress peer) => _discoveredMtu.TryGetValue(peer, out var mtu) ? mtu : null;

    internal void RememberMtu(EndpointAddress peer, int mtu) => _discoveredMtu[peer] = mtu;

    /// <summary>Hands an inbound association to Akka once Akka has registered its listener (it may not have yet).</summary>
    internal void AnnounceInbound(GossipAssociationHandle handle) =>
        _associations.Task.ContinueWith(
            listener => listener.Result.Notify(new InboundAssociation(handle)),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"gtcp transport at {LocalAddress}");
}
