using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Akka.Configuration;
using GossipActors.Actors;
using GossipActors.Akka;
using GossipActors.Akka.Configuration;
using GossipActors.Gossip.Actors;
using GossipActors.Gossip.Cluster;
using GossipActors.Hosting.Configuration;
using GossipActors.Protocol.Gossip;
using GossipActors.Remote;
using GossipActors.Remote.Actors;
using GossipActors.Remote.Diagnostics;
using GossipActors.Remote.Tls;
using Microsoft.Extensions.Logging;

namespace GossipActors.Hosting.Runtime;

/// <summary>
/// One hosted node: the gossip tree (<c>gossip { }</c>) at <c>/system/gossip</c> of an Akka.NET system, started by its
/// <see cref="GossipExtension"/> from the same resolved configuration, and the TCP transport (<c>remote { }</c>)
/// still in the GossipActors kernel's system (<c>actors { }</c>) until it becomes an Akka.Remote transport; inbound
/// envelopes cross from the kernel's <c>gossip-inbound</c> tap to the Akka gossiper, sends go the other way through
/// <see cref="HostedTransport"/>. Built from configuration when first resolved, so <see cref="IGossipCluster"/> can be injected
/// anywhere; started and stopped by the hosted service with the host.
/// </summary>
public sealed class GossipActorsRuntime : IAsyncDisposable
{
    private readonly ILogger _log;
    private readonly HostedTransport _transport;
    private readonly DeadLetterTally _deadLetters;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly TlsMaterial? _tls;
    private IActorRef _inboundTap = ActorRefs.Nobody;
    private long _convictions;
    private int _joined;
    private int _stopped;

    public GossipActorsRuntime(NodeConfiguration configuration, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _log = loggerFactory.CreateLogger("GossipActors.Hosting");
        Configuration = configuration;
        RemoteSettings = RemoteSettingsBinder.Bind(configuration);
        Admin = AdminSettings.Bind(configuration);
        Settings = GossipNodeSettings.FromConfig(configuration.Config);
        if (Settings.DataDir is { } dataDir)
        {
            Gossip.Persistence.DataDirectoryCheck.EnsureUsable(dataDir);
        }

        var systemSettings = ActorSystemSettings.FromConfiguration(configuration.ToConfiguration().GetSection("actors")) with { LoggerFactory = loggerFactory };
        _tls = RemoteSettings.Tls.Enabled ? TlsMaterial.Load(RemoteSettings.Tls) : null;

        System = ActorSystem.Create("GossipActors", systemSettings);
        try
        {
            var akkaConfig = AkkaConfig(System.Settings.AskTimeout).WithFallback(AkkaConfigBridge.ToAkka(configuration.Config));
            GossipSystem = global::Akka.Actor.ActorSystem.Create(
                "gossip",
                global::Akka.Actor.BootstrapSetup.Create().WithConfig(akkaConfig).And(new LoggerFactorySetup(loggerFactory)));
            Rounds = new RoundMetrics();
            Counters = new TransportCounters();
            _transport = new HostedTransport(RemoteSettings.Address, Rounds, System.TimeProvider);
            var options = new GossipNodeStartOptions { LoggerFactory = loggerFactory, AskTimeout = System.Settings.AskTimeout };
            Node = GossipExtension.Get(GossipSystem).StartNode(gossiper =>
            {
                // The TCP transport lives in the kernel: the tap there hands envelopes to the Akka gossiper.
                void Deliver(GossipActors.Protocol.Messages.GossipEnvelope envelope) => gossiper.Tell(envelope, global::Akka.Actor.ActorRefs.NoSender);
                _inboundTap = System.ActorOf(Props.Create(() => new InboundTap(Deliver, Rounds)), "gossip-inbound");
                return _transport;
            }, options, Settings);
            _deadLetters = new DeadLetterTally(System, GossipSystem);
        }
        catch
        {
            System.Terminate().Wait(TimeSpan.FromSeconds(5));
            GossipSystem?.Terminate().Wait(TimeSpan.FromSeconds(5));
            _tls?.Dispose();
            throw;
        }
    }

    public NodeConfiguration Configuration { get; }

    public GossipNodeSettings Settings { get; }

    public RemoteSettings RemoteSettings { get; }

    public AdminSettings Admin { get; }

    /// <summary>The GossipActors kernel's system: the TCP transport (<c>/user/remote</c>) and the inbound tap.</summary>
    public ActorSystem System { get; }

    /// <summary>The Akka.NET system of the gossip tree (<c>/system/gossip</c>).</summary>
    public global::Akka.Actor.ActorSystem GossipSystem { get; }

    /// <summary>Dead letters of both systems since start.</summary>
    public long DeadLetterCount => System.DeadLetterCount + _deadLetters.GossipTotal;

    /// <summary>tpstats' rows: the kernel's actors and the Akka gossip tree's.</summary>
    public IReadOnlyList<ActorStats> GetActorStats() => [.. System.GetActorStats(), .. GossipTreeStats.Collect(Node.Gossiper)];

    public GossipNode Node { get; }

    public IGossipCluster Cluster => Node;

    /// <summary>Traffic counters of the TCP transport.</summary>
    public TransportCounters Counters { get; }

    public RoundMetrics Rounds { get; }

    /// <summary>Endpoints this node's failure detector convicted since start.</summary>
    public long Convictions => Interlocked.Read(ref _convictions);

    /// <summary>True once the shadow round succeeded and the node announced itself.</summary>
    public bool Joined => Volatile.Read(ref _joined) == 1;

    internal DeadLetterTally DeadLetters => _deadLetters;

    /// <summary>The tpstats group of the gossiper's round actors (<c>gossip/rounds</c>).</summary>
    public string RoundsGroup => ActorGroups.Of(GossipTreeStats.PathOf(Node.Gossiper.Path) + "/rounds");

    /// <summary>tpstats' dropped for <paramref name="group"/> (see <see cref="Hosting.Admin.TpStats.Dropped"/>).</summary>
    public long DroppedFor(string group) => Hosting.Admin.TpStats.Dropped(group, _deadLetters.For(group), RoundsGroup, Node.ExchangesReplaced);

    /// <summary>
    /// Binds the gossip port, runs the shadow round and begins gossip.
    /// </summary>
    /// <exception cref="SeedsUnreachableException">No seed answered ("Unable to gossip with any seeds", with the TCP diagnosis per seed).</exception>
    /// <exception cref="EndpointCollisionException">A live node with a newer generation owns our address or host id.</exception>
    /// <exception cref="IOException">The gossip port cannot be bound.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var listen = RemoteSettings.ListenAddress ?? RemoteSettings.Address;
        EnsurePortFree(listen.Host, listen.Port);
        var remote = RemoteTransport.Start(
            System,
            RemoteSettings with { HostId = Node.HostId, Generation = Node.Generation, Counters = Counters },
            _inboundTap,
            _tls);
        try
        {
            await remote.FlushAsync(TimeSpan.FromMilliseconds(200)).ConfigureAwait(false);
        }
        catch (TimeoutException error)
        {
            throw new IOException($"the TCP transport did not start on {listen} (remote.hostname / remote.port); see the log above", error);
        }

        _transport.Attach(remote);
        Subscribe();
        _log.LogInformation(
            "starting gossip node {Address} in cluster '{Cluster}' (generation {Generation}, host id {HostId}, seeds {Seeds})",
            Node.LocalEndpoint,
            Settings.ClusterName,
            Node.Generation,
            Node.HostId,
            Settings.Seeds.Count == 0 ? "none" : string.Join(", ", Settings.Seeds));
        LogIfFormingNewCluster();
        await Node.StartAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _joined, 1);
        _log.LogInformation("gossip node {Address} joined cluster '{Cluster}'", Node.LocalEndpoint, Settings.ClusterName);
    }

    /// <summary>Announces shutdown to known peers, saves peers, flushes the sockets and stops the actor system.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        var wait = System.Settings.AskTimeout;
        try
        {
            if (Joined)
            {
                // A node that left (decommissioned, assassinated) or had to stop stays silent, so say what really happened.
                var members = await Node.GetMembersAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
                var silent = Failure is not null || (members.FirstOrDefault(m => m.IsLocal) is { } self && Protocol.Gossip.EndpointStatus.IsDeadState(self.Status));
                await Node.StopAsync(wait).WaitAsync(cancellationToken).ConfigureAwait(false);
                if (silent)
                {
                    _log.LogInformation("gossip node {Address} stopped without announcing a shutdown: it has left the cluster or already announced it", Node.LocalEndpoint);
                }
                else
                {
                    _log.LogInformation("gossip node {Address} announced its shutdown to its peers", Node.LocalEndpoint);
                }
            }

            if (_transport.Remote is { } remote)
            {
                await remote.FlushAsync(TimeSpan.FromSeconds(2)).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception error) when (error is TimeoutException or OperationCanceledException)
        {
            _log.LogWarning("stopping gossip node {Address}: {Reason}; stopping anyway", Node.LocalEndpoint, error.Message);
        }

        await TerminateAsync().ConfigureAwait(false);
    }

    /// <summary>Why the running node stopped itself (another live node has its host id); null otherwise.</summary>
    public Exception? Failure { get; private set; }

    internal void RecordFailure(Exception failure) => Failure ??= failure;

    public async ValueTask DisposeAsync()
    {
        Interlocked.Exchange(ref _stopped, 1);
        await TerminateAsync().ConfigureAwait(false);
    }

    private async Task TerminateAsync()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }

        _subscriptions.Clear();
        _deadLetters.Dispose();
        await GossipSystem.Terminate().WaitAsync(System.Settings.StopTimeout).ConfigureAwait(false);
        await System.Terminate().WaitAsync(System.Settings.StopTimeout).ConfigureAwait(false);
        _tls?.Dispose();
    }

    private void Subscribe()
    {
        var local = Node.LocalEndpoint;
        var log = _log;
        _subscriptions.Add(Node.Subscribe(e =>
        {
            switch (e)
            {
                case MemberUp up:
                    log.LogInformation("{Endpoint} is now UP", up.Endpoint);
                    break;
                case MemberDown down:
                    log.LogInformation("{Endpoint} is now DOWN ({Reason})", down.Endpoint, down.Reason);
                    break;
                case MemberJoined joined:
                    log.LogInformation("{Endpoint} joined (learned through gossip)", joined.Endpoint);
                    break;
                case MemberRestarted restarted:
                    log.LogInformation("{Endpoint} restarted: {Reason}", restarted.Endpoint, restarted.Reason);
                    break;
                case MemberRemoved removed:
                    log.LogInformation("{Endpoint} removed: {Reason}", removed.Endpoint, removed.Reason);
                    break;
                case MemberStateChanged changed:
                    log.LogDebug("{Endpoint} {Key} = {Value}", changed.Endpoint, changed.Key, changed.Value);
                    break;
            }
        }));
        _subscriptions.Add(EventStreamCallback.Subscribe<FailureDetectorVerdict>(GossipSystem, v =>
        {
            if (v.Observer == local && !v.IsUp)
            {
                Interlocked.Increment(ref _convictions);
            }
        }));
        var events = System.EventStream;
        // FailureDetectorWarning is not logged here: the failure-detector actor logs it through the same logger factory.
        _subscriptions.Add(events.Subscribe<PeerBlackHoled>(b => log.LogWarning("black hole towards {Peer}: {Finding}", b.Peer, b.Finding.ToString())));
        _subscriptions.Add(events.Subscribe<PathMtuDiscovered>(m => log.LogWarning(
            "path MTU towards {Peer} discovered: {Mtu}; connections to it now use segments for MTU {Mtu} (set remote.mtu = {Mtu} to make it permanent)",
            m.Peer,
            m.Mtu,
            m.Mtu,
            m.Mtu)));
    }

    /// <summary>
    /// A node with nothing to join starts a cluster of its own, which is right for the first seed and wrong for a node
    /// whose --seeds was forgotten: the second must not pass in silence, so it is a warning unless gossip.new-cluster says
    /// it is intended. A seed list naming only this node is the usual first seed, so it counts as none.
    /// </summary>
    private void LogIfFormingNewCluster()
    {
        var local = Node.LocalEndpoint;
        if (Settings.Seeds.Any(seed => seed != local) || Node.RememberedPeerCount > 0)
        {
            return;
        }

        if (Settings.NewCluster)
        {
            _log.LogInformation(
                "{Address} is forming a new cluster '{Cluster}': no seeds other than itself and no remembered peers (gossip.new-cluster = on)",
                local,
                Settings.ClusterName);
        }
        else
        {
            _log.LogWarning(
                "{Address} is forming a NEW cluster '{Cluster}' on its own: no seeds other than itself (--seeds, gossip.seeds) and no remembered peers; " +
                "to join an existing cluster, stop it and give it that cluster's seeds; if a new cluster is intended, start it with --new-cluster (gossip.new-cluster = on)",
                local,
                Settings.ClusterName);
        }
    }

    /// <summary>
    /// The Akka system's own settings: its warnings go to the host's ILogger (the tree logs there directly), dead
    /// letters are counted for tpstats instead of logged, and the host, not a CLR shutdown hook, decides when it stops.
    /// </summary>
    private static global::Akka.Configuration.Config AkkaConfig(TimeSpan askTimeout) => ConfigurationFactory.ParseString(string.Create(
        CultureInfo.InvariantCulture,
        $$"""
        akka {
          loggers = ["{{AkkaLoggerBridge.TypeName}}"]
          loglevel = WARNING
          stdout-loglevel = WARNING
          log-dead-letters = off
          log-dead-letters-during-shutdown = off
          actor.ask-timeout = {{(long)askTimeout.TotalMilliseconds}}ms
          coordinated-shutdown.run-by-clr-shutdown-hook = off
        }
        """));

    private static void EnsurePortFree(string host, int port)
    {
        var address = IPAddress.TryParse(host, out var literal)
            ? literal
            : Dns.GetHostAddresses(host).FirstOrDefault() ?? throw new IOException($"remote.hostname '{host}' resolves to no address");
        using var probe = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            probe.Bind(new IPEndPoint(address, port));
        }
        catch (SocketException error)
        {
            throw new IOException(
                string.Create(CultureInfo.InvariantCulture, $"cannot listen for gossip on {RemoteSettingsBinder.FormatAddress(host, port)} (remote.hostname / remote.port): {error.SocketErrorCode} ({error.Message})"),
                error);
        }
    }
}
