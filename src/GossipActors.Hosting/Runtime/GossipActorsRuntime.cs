using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Hosting;
using GossipActors.Akka;
using GossipActors.Gossip.Actors;
using GossipActors.Gossip.Cluster;
using GossipActors.Gossip.Logging;
using GossipActors.Hosting.Admin;
using GossipActors.Hosting.Configuration;
using GossipActors.Hosting.Metrics;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using GossipActors.Remote.Diagnostics;
using GossipActors.Remote.Transport;
using GossipActors.Remote;
using Microsoft.Extensions.Logging;

namespace GossipActors.Hosting.Runtime;

/// <summary>
/// The node <c>AddGossipActors</c> hosts, and the state its admin endpoint and metrics read. Its ActorSystem,
/// named <c>gossip</c>, is Akka.Hosting's (<c>AddAkka</c> with <c>WithGossipTransport</c> and the gossip configuration):
/// remoting over our gtcp transport (<c>/system/gossip-transport</c>, settings <c>remote { }</c>), the gossip tree at
/// <c>/system/gossip</c>, both reading the configuration bound here, which Akka receives as JSON rendered by our
/// parser. Built from configuration when first resolved, so <see cref="IGossipCluster"/> can be injected anywhere;
/// the hosted service starts the node once Akka.Hosting started the system.
/// </summary>
public sealed class GossipActorsRuntime : IAsyncDisposable
{
    /// <summary>Every node of a cluster uses this system name: it is part of every gossip address (akka.gtcp://gossip@host:port).</summary>
    public const string SystemName = "gossip";

    private const string NotStarted = "the gossip node has not started yet (it starts with the host)";

    /// <summary>Long enough for the transport to flush (2 s) and Akka's own shutdown phases to finish.</summary>
    private static readonly TimeSpan TerminateWait = TimeSpan.FromSeconds(15);

    private readonly ILogger _log;
    private readonly ILoggerFactory _loggerFactory;
    private readonly GossipNodeHolder _node = new();
    private readonly List<IDisposable> _subscriptions = [];

    /// <summary>Enough for every member of a mid-sized cluster to go down and come back (two events each) twice.</summary>
    private const int RecentEventCapacity = 256;
    private Attached? _attached;
    private long _convictions;
    private int _joined;

    /// <summary>Binds and validates the configuration; starts nothing, opens no port and touches no file but reads.</summary>
    /// <exception cref="ConfigException">A setting is invalid; the message names it.</exception>
    public GossipActorsRuntime(NodeConfiguration configuration, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _loggerFactory = loggerFactory;
        _log = loggerFactory.CreateLogger(GossipNodeLog.Category);
        Configuration = configuration;
        var bound = NodeSettings.Bind(configuration);
        RemoteSettings = bound.Remote;
        Admin = bound.Admin;
        Settings = bound.Gossip;
        _node.PlannedAddress = RemoteSettings.Address;
        Cluster = new HostedGossipCluster(_node);
        Meter = new GossipMeter(this, RemoteSettings.Address.ToString(), loggerFactory.CreateLogger(typeof(GossipMeter).FullName!));
    }

    /// <summary>This node's instruments on the <see cref="GossipMetrics.MeterName"/> meter (OpenTelemetry, dotnet-counters).</summary>
    public GossipMeter Meter { get; }

    public NodeConfiguration Configuration { get; }

    /// <summary>Fault injection: the shift of the clock this node stamps gossip with (<see cref="GossipActorsBuilder.InjectClockOffset"/>).</summary>
    public TimeSpan InjectedClockOffset { get; init; }

    public GossipNodeSettings Settings { get; }

    /// <summary>The <c>remote</c> section as configured (the transport's <see cref="GossipTcpTransport.Settings"/> carry the bound port).</summary>
    public RemoteSettings RemoteSettings { get; }

    public AdminSettings Admin { get; }

    /// <summary>True from the moment <see cref="StartAsync"/> built the node (the shadow round may still run).</summary>
    public bool IsStarted => _node.Node is not null;

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
    public GossipNode Node => _node.Running;

    /// <summary>The application's handle: resolvable at any time; its calls need the node started.</summary>
    public IGossipCluster Cluster { get; }

    /// <summary>Traffic counters of the gtcp transport.</summary>
    public TransportCounters Counters => Transport.Counters;

    public RoundMetrics Rounds { get; } = new();

    /// <summary>This node's latest membership events (<c>GET /events</c>, the dashboard).</summary>
    public MembershipEventLog Events { get; } = new(RecentEventCapacity);

    /// <summary>Endpoints this node's failure detector convicted since start.</summary>
    public long Convictions => Interlocked.Read(ref _convictions);

    /// <summary>True once the shadow round succeeded and the node announced itself.</summary>
    public bool Joined => Volatile.Read(ref _joined) == 1;

    /// <summary>When the gossip node was launched in this process (before it joined); for uptime in /info.</summary>
    public DateTimeOffset StartedAt { get; private set; }

    internal DeadLetterTally DeadLetters => Running.DeadLetters;

    /// <summary>The tpstats group of the gossiper's round actors (<c>gossip/rounds</c>).</summary>
    public string RoundsGroup => ActorGroups.Of(GossipTreeStats.PathOf(Node.Gossiper.Path) + "/rounds");

    /// <summary>tpstats' dropped for <paramref name="group"/> (see <see cref="Hosting.Admin.TpStats.Dropped"/>).</summary>
    public long DroppedFor(string group) => Hosting.Admin.TpStats.Dropped(group, DeadLetters.For(group), RoundsGroup, Node.ExchangesReplaced);

    /// <summary>Why the running node stopped itself (another live node has its host id); null otherwise.</summary>
    public Exception? Failure { get; private set; }

    private Attached Running => Volatile.Read(ref _attached) ?? throw new InvalidOperationException(NotStarted);

    /// <summary>
    /// What must hold before the ActorSystem is created, checked while a failure can still be told in one line: the
    /// data directory takes files, and the gossip port is free (Akka's own bind failure would arrive wrapped in
    /// remoting errors, after the system began starting).
    /// </summary>
    /// <exception cref="Gossip.Persistence.DataDirectoryException">gossip.data-dir cannot be used.</exception>
    /// <exception cref="IOException">The gossip port cannot be bound.</exception>
    public void EnsureCanStart()
    {
        if (Settings.DataDir is { } dataDir)
        {
            Gossip.Persistence.DataDirectoryCheck.EnsureUsable(dataDir);
        }

        var listen = RemoteSettings.ListenAddress ?? RemoteSettings.Address;
        EnsurePortFree(listen.Host, listen.Port);
    }

    /// <summary>
    /// Builds the node in <paramref name="system"/> (started by Akka.Hosting, so it has bound the port), runs the
    /// shadow round and begins gossip.
    /// </summary>
    /// <exception cref="SeedsUnreachableException">No seed answered ("Unable to gossip with any seeds", with the TCP diagnosis per seed).</exception>
    /// <exception cref="EndpointCollisionException">A live node with a newer generation owns our address or host id.</exception>
    public async Task StartAsync(ActorSystem system, IActorRegistry registry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(registry);
        var transport = GossipTcpTransport.For(system) ?? throw new InvalidOperationException("the gtcp transport did not start");
        Volatile.Write(ref _attached, new Attached(system, transport, new DeadLetterTally(system)));
        var rounds = Rounds;
        if (InjectedClockOffset != TimeSpan.Zero)
        {
            _log.LogWarning("fault injection: this node stamps gossip with its clock shifted by {OffsetMs} ms (GOSSIP_FAULT_CLOCK_OFFSET_MS); its peers will report it skewed", (long)InjectedClockOffset.TotalMilliseconds);
        }

        var options = new GossipNodeStartOptions
        {
            LoggerFactory = _loggerFactory,
            ClockOffset = InjectedClockOffset,
            InboundObserver = envelope =>
            {
                var time = TimeProvider.System;
                switch (envelope.Message)
                {
                    case GossipDigestAck:
                        rounds.AckReceived(envelope.From, time.GetTimestamp(), time.TimestampFrequency);
                        break;
                    case GossipDigestSyn:
                        rounds.SynReceived(envelope.From, time.GetTimestamp());
                        break;
                }
            },
            InboundHandledObserver = handled => rounds.Handled(handled, TimeProvider.System.TimestampFrequency),
        };
        var node = GossipNodeLauncher.Launch(system, registry, Settings, options, inner => new MeteredTransport(inner, rounds));
        _node.Publish(node);
        _subscriptions.Add(node.Subscribe(Events.Record));
        _subscriptions.Add(node.Subscribe(new ConfigDriftWatch(node, _log).OnEvent));
        StartedAt = TimeProvider.System.GetUtcNow();
        CountConvictions(system, node.LocalEndpoint);
        await GossipNodeLauncher.JoinAsync(node, _log, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _joined, 1);
    }

    /// <summary>
    /// Stops counting. The node itself announces its shutdown in the system's CoordinatedShutdown, which Akka.Hosting's
    /// hosted service runs after this one stopped, before remoting closes.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        Detach();
        return Task.CompletedTask;
    }

    /// <summary>
    /// After a failed start: stops the system Akka.Hosting started, since a host whose start failed is never stopped,
    /// and the port must not stay bound behind a reported failure.
    /// </summary>
    public async Task AbandonAsync()
    {
        Detach();
        if (Volatile.Read(ref _attached) is { } attached)
        {
            // Terminating closes the transport, which first hands every queued frame to its socket.
            await attached.System.Terminate().WaitAsync(TerminateWait).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync()
    {
        Detach();
        Meter.Dispose();
        return ValueTask.CompletedTask;
    }

    internal void RecordFailure(Exception failure) => Failure ??= failure;

    private void Detach()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }

        _subscriptions.Clear();
        if (Volatile.Read(ref _attached) is { } attached)
        {
            attached.DeadLetters.Dispose();
        }
    }

    private void CountConvictions(ActorSystem system, EndpointAddress local) =>
        _subscriptions.Add(EventStreamCallback.Subscribe<FailureDetectorVerdict>(system, v =>
        {
            if (v.Observer == local && !v.IsUp)
            {
                Interlocked.Increment(ref _convictions);
            }
        }));

    private IActorRef TransportRoot() =>
        ((ActorRefWithCell)((ExtendedActorSystem)System).SystemGuardian).GetSingleChild("gossip-transport");

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

    private sealed record Attached(ActorSystem System, GossipTcpTransport Transport, DeadLetterTally DeadLetters);
}
