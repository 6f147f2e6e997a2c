using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Akka.Configuration;
using Akka.Actor;
using GossipActors.Akka;
using GossipActors.Akka.Configuration;
using GossipActors.Gossip.Actors;
using GossipActors.Gossip.Cluster;
using GossipActors.Hosting.Admin;
using GossipActors.Hosting.Configuration;
using GossipActors.Protocol.Gossip;
using GossipActors.Remote;
using GossipActors.Gossip.Logging;
using GossipActors.Protocol.Model;
using GossipActors.Remote.Transport;
using GossipActors.Remote.Diagnostics;
using Microsoft.Extensions.Logging;

namespace GossipActors.Hosting.Runtime;

/// <summary>
/// One hosted node: an Akka.NET ActorSystem named <c>gossip</c> whose remoting runs our gtcp transport
/// (<c>/system/gossip-transport</c>, settings <c>remote { }</c>), with the gossip tree at <c>/system/gossip</c> started by
/// its <see cref="GossipExtension"/>; both read the same resolved configuration, which Akka receives as JSON
/// rendered by our parser. Gossip travels as Akka messages to each peer's <c>/system/gossip</c>. Built from
/// configuration when first resolved, so <see cref="IGossipCluster"/> can be injected anywhere; started and stopped
/// by the hosted service with the host.
/// </summary>
public sealed class GossipActorsRuntime : IAsyncDisposable
{
    /// <summary>Every node of a cluster uses this system name: it is part of every gossip address (akka.gtcp://gossip@host:port).</summary>
    public const string SystemName = "gossip";

    private const string NotStarted = "the gossip node has not started yet (it starts with the host)";

    private readonly ILogger _log;
    private readonly ILoggerFactory _loggerFactory;
    private readonly List<IDisposable> _subscriptions = [];
    private Started? _started;
    private long _convictions;
    private int _joined;
    private int _stopped;

    /// <summary>Binds and validates the configuration; starts nothing, opens no port and touches no file but reads.</summary>
    /// <exception cref="ConfigException">A setting is invalid; the message names it.</exception>
    public GossipActorsRuntime(NodeConfiguration configuration, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _loggerFactory = loggerFactory;
        _log = loggerFactory.CreateLogger("GossipActors.Hosting");
        Configuration = configuration;
        RemoteSettings = RemoteSettingsBinder.Bind(configuration.Config);
        Admin = AdminSettings.Bind(configuration);
        Settings = GossipNodeSettings.FromConfig(configuration.Config);
        Cluster = new HostedGossipCluster(this);
    }

    public NodeConfiguration Configuration { get; }

    public GossipNodeSettings Settings { get; }

    /// <summary>The <c>remote</c> section as configured (the transport's <see cref="GossipTcpTransport.Settings"/> carry the bound port).</summary>
    public RemoteSettings RemoteSettings { get; }

    public AdminSettings Admin { get; }

    /// <summary>True from the moment <see cref="StartAsync"/> built the system and the node (the shadow round may still run).</summary>
    public bool IsStarted => Volatile.Read(ref _started) is not null;

    /// <summary>The node's ActorSystem: remoting over gtcp, the gossip tree at <c>/system/gossip</c>.</summary>
    /// <exception cref="InvalidOperationException">Not started yet.</exception>
    public ActorSystem System => Running.System;

    /// <summary>The system's gtcp transport.</summary>
    public GossipTcpTransport Transport => Running.Transport;

    /// <summary>Dead letters since start.</summary>
    public long DeadLetterCount => Running.DeadLetters.Total;

    /// <summary>tpstats' rows: the gossip tree's actors and the transport's connection actors.</summary>
    public IReadOnlyList<ActorStats> GetActorStats() =>
        [.. GossipTreeStats.Collect(Node.Gossiper), .. GossipTreeStats.Collect(TransportRoot())];

    /// <exception cref="InvalidOperationException">Not started yet.</exception>
    public GossipNode Node => Running.Node;

    /// <summary>The application's handle: resolvable at any time; its calls need the node started.</summary>
    public IGossipCluster Cluster { get; }

    /// <summary>Traffic counters of the gtcp transport.</summary>
    public TransportCounters Counters => Transport.Counters;

    public RoundMetrics Rounds { get; } = new();

    /// <summary>Endpoints this node's failure detector convicted since start.</summary>
    public long Convictions => Interlocked.Read(ref _convictions);

    /// <summary>True once the shadow round succeeded and the node announced itself.</summary>
    public bool Joined => Volatile.Read(ref _joined) == 1;

    internal DeadLetterTally DeadLetters => Running.DeadLetters;

    /// <summary>The tpstats group of the gossiper's round actors (<c>gossip/rounds</c>).</summary>
    public string RoundsGroup => ActorGroups.Of(GossipTreeStats.PathOf(Node.Gossiper.Path) + "/rounds");

    /// <summary>tpstats' dropped for <paramref name="group"/> (see <see cref="Hosting.Admin.TpStats.Dropped"/>).</summary>
    public long DroppedFor(string group) => Hosting.Admin.TpStats.Dropped(group, DeadLetters.For(group), RoundsGroup, Node.ExchangesReplaced);

    private Started Running => Volatile.Read(ref _started) ?? throw new InvalidOperationException(NotStarted);

    /// <summary>
    /// Checks the data directory and the port, starts the ActorSystem (which binds the port), builds the node, runs the
    /// shadow round and begins gossip.
    /// </summary>
    /// <exception cref="SeedsUnreachableException">No seed answered ("Unable to gossip with any seeds", with the TCP diagnosis per seed).</exception>
    /// <exception cref="EndpointCollisionException">A live node with a newer generation owns our address or host id.</exception>
    /// <exception cref="IOException">The gossip port cannot be bound.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Settings.DataDir is { } dataDir)
        {
            Gossip.Persistence.DataDirectoryCheck.EnsureUsable(dataDir);
        }

        var listen = RemoteSettings.ListenAddress ?? RemoteSettings.Address;
        EnsurePortFree(listen.Host, listen.Port);
        Volatile.Write(ref _started, Launch(listen));
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

    private Started Launch(EndpointAddress listen)
    {
        var system = CreateSystem(Configuration, _loggerFactory, listen);
        try
        {
            var transport = GossipTcpTransport.For(system) ?? throw new InvalidOperationException("the gtcp transport did not start");
            var rounds = Rounds;
            var options = new GossipNodeStartOptions
            {
                LoggerFactory = _loggerFactory,
                AskTimeout = system.Settings.AskTimeout,
                InboundObserver = envelope =>
                {
                    if (envelope.Message is GossipActors.Protocol.Messages.GossipDigestAck)
                    {
                        rounds.AckReceived(envelope.From, TimeProvider.System.GetTimestamp(), TimeProvider.System.TimestampFrequency);
                    }
                },
            };
            var node = GossipExtension.Get(system).StartNode(gossiper => new MeteredTransport(new RemoteGossipTransport(system, gossiper), rounds), options, Settings);
            return new Started(system, transport, node, new DeadLetterTally(system));
        }
        catch
        {
            system.Terminate().Wait(TimeSpan.FromSeconds(5));
            throw;
        }
    }

    /// <summary>Announces shutdown to known peers, saves peers, flushes the sockets and stops the actor system.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0 || !IsStarted)
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
        if (Volatile.Read(ref _started) is not { } started)
        {
            return;
        }

        started.DeadLetters.Dispose();
        // Terminating closes the transport, which first hands every queued frame (a shutdown announcement) to its socket.
        await started.System.Terminate().WaitAsync(TerminateWait).ConfigureAwait(false);
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
        _subscriptions.Add(EventStreamCallback.Subscribe<FailureDetectorVerdict>(System, v =>
        {
            if (v.Observer == local && !v.IsUp)
            {
                Interlocked.Increment(ref _convictions);
            }
        }));
        // FailureDetectorWarning is not logged here: the failure-detector actor logs it through the same logger factory.
        _subscriptions.Add(EventStreamCallback.Subscribe<PeerBlackHoled>(System, b => log.LogWarning("black hole towards {Peer}: {Finding}", b.Peer, b.Finding.ToString())));
        _subscriptions.Add(EventStreamCallback.Subscribe<PathMtuDiscovered>(System, m => log.LogWarning(
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

    /// <summary>Long enough for the transport to flush (2 s) and Akka's own shutdown phases to finish.</summary>
    private static readonly TimeSpan TerminateWait = TimeSpan.FromSeconds(15);

    private IActorRef TransportRoot() =>
        ((ActorRefWithCell)((ExtendedActorSystem)System).SystemGuardian).GetSingleChild("gossip-transport");

    /// <summary>
    /// The node's system: remoting over gtcp only, its warnings to the host's ILogger (the tree logs there directly),
    /// dead letters counted for tpstats instead of logged, and the host, not a CLR shutdown hook, decides when it stops.
    /// A port taken between the check and the bind surfaces as Akka's remoting failure; it is reported as the bind
    /// failure it is.
    /// </summary>
    private static ActorSystem CreateSystem(NodeConfiguration configuration, ILoggerFactory loggerFactory, EndpointAddress listen)
    {
        var own = ConfigurationFactory.ParseString(
            $$"""
            akka {
              loggers = ["{{AkkaLoggerBridge.TypeName}}"]
              loglevel = WARNING
              stdout-loglevel = WARNING
              log-dead-letters = off
              log-dead-letters-during-shutdown = off
              coordinated-shutdown.run-by-clr-shutdown-hook = off
              actor.provider = remote
              remote.enabled-transports = ["akka.remote.gossip-tcp"]
            }
            """);
        var setup = BootstrapSetup.Create().WithConfig(own.WithFallback(AkkaConfigBridge.ToAkka(configuration.Config))).And(new LoggerFactorySetup(loggerFactory));
        try
        {
            return ActorSystem.Create(SystemName, setup);
        }
        catch (Exception error) when (FindSocketError(error) is { } socket)
        {
            throw new IOException(
                string.Create(CultureInfo.InvariantCulture, $"cannot listen for gossip on {listen} (remote.hostname / remote.port): {socket.SocketErrorCode} ({socket.Message})"),
                error);
        }
    }

    private static SocketException? FindSocketError(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is SocketException socket)
            {
                return socket;
            }
        }

        return null;
    }

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

    private sealed record Started(ActorSystem System, GossipTcpTransport Transport, GossipNode Node, DeadLetterTally DeadLetters);
}
