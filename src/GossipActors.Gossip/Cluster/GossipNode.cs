using System.Globalization;
using Akka.Actor;
using GossipActors.Gossip.Actors;
using GossipActors.Gossip.Persistence;
using GossipActors.Gossip.Transport;
using GossipActors.Protocol.FailureDetection;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GossipActors.Gossip.Cluster;

/// <summary>Optional knobs of <see cref="GossipNode"/>; the defaults suit production.</summary>
public sealed record GossipNodeStartOptions
{
    /// <summary>Name of the gossiper; simulations hosting many nodes in one system use distinct names.</summary>
    public string ActorName { get; init; } = "gossip";

    /// <summary>
    /// Puts the gossiper under <c>/system</c> (a system actor, as <c>GossipExtension.StartNode</c> does) instead of
    /// <c>/user</c>, where it would stop with the application's actors rather than with the system.
    /// </summary>
    public bool SystemActor { get; init; }

    /// <summary>
    /// Where the tree logs (each actor under its path as the category); null logs where the system does: the host's
    /// factory when a <c>LoggerFactorySetup</c> carries one, Akka's own logging otherwise.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>
    /// Sees every envelope the gossiper receives, on the gossiper's thread, before it is applied (a host measures
    /// round latency with it); keep it short. Inbound gossip reaches the gossiper straight from Akka.Remote, so this is
    /// where the transport boundary can be observed.
    /// </summary>
    public Action<GossipActors.Protocol.Messages.GossipEnvelope>? InboundObserver { get; init; }

    /// <summary>Sees every inbound message but ACKs once the gossiper has handled it, on its thread; keep it short.</summary>
    public Action<InboundHandled>? InboundHandledObserver { get; init; }

    /// <summary>How long the asking members of <see cref="IGossipCluster"/> wait for the gossiper; null takes the system's <c>akka.actor.ask-timeout</c>.</summary>
    public TimeSpan? AskTimeout { get; init; }

    /// <summary>Seeds peer selection (and the host id when nothing is persisted); null draws one. Fixed seeds make tests replay.</summary>
    public int? RandomSeed { get; init; }

    /// <summary>Overrides the persisted generation (tests of restarts without a data directory).</summary>
    public int? Generation { get; init; }

    /// <summary>Overrides the persisted host id.</summary>
    public Guid? HostId { get; init; }

    /// <summary>
    /// Simulations only: start gossiping at once without a shadow round, with these endpoints already
    /// known and UP (a converged cluster). Skips the collision check; never use it in production.
    /// </summary>
    public IReadOnlyList<KeyValuePair<EndpointAddress, EndpointState>>? WarmStartEndpoints { get; init; }

    /// <summary>
    /// Simulations only: heartbeat arrivals never reach the failure detector, which then convicts nobody; arrival
    /// windows for every pair of thousands of nodes would need gigabytes, and dissemination does not use them.
    /// </summary>
    public bool DiscardHeartbeatArrivals { get; init; }

    /// <summary>Simulations only: no clock-skew windows (one per pair of thousands of nodes); see <see cref="Protocol.Gossip.GossipNodeOptions.DiscardClockSamples"/>.</summary>
    public bool DiscardClockSamples { get; init; }

    /// <summary>
    /// Fault injection: this node stamps gossip with its clock shifted by this much, so its peers see it skewed (the node
    /// host's <c>GOSSIP_FAULT_CLOCK_OFFSET_MS</c>, docs/testing.md). Not a setting; zero in production.
    /// </summary>
    public TimeSpan ClockOffset { get; init; }
}

/// <summary>
/// One gossip node: builds <c>/user/gossip</c> or <c>/system/gossip</c> (rounds, endpoints, failure detector) in an Akka.NET actor system
/// around a transport, with persisted identity and peers, and implements <see cref="IGossipCluster"/>.
/// <code>
/// var node = new GossipNode(system, GossipNodeSettings.FromConfig(config), gossiper => new TcpTransport(..., gossiper));
/// await node.StartAsync();   // throws SeedsUnreachableException / EndpointCollisionException
/// node.Subscribe(e => Console.WriteLine(e), ClusterInitialState.AsSnapshot);
/// await node.StopAsync();    // STATUS shutdown,true announced to known peers that are not already gone
/// </code>
/// </summary>
public sealed class GossipNode : IGossipCluster, IAsyncDisposable
{
    private readonly ActorSystem _system;
    private readonly GossiperRuntime _runtime;
    private readonly GossipNodeStartOptions _options;
    private readonly TimeSpan _askTimeout;
    private int _stopped;

    /// <param name="system">The Akka system to build the tree in; its scheduler is the gossip clock, and <c>gossip.dispatcher</c>, when it configures one, runs every actor of the tree.</param>
    /// <param name="settings">The <c>gossip</c> settings, validated when <see cref="GossipNodeSettings.FromConfig"/> bound them.</param>
    /// <param name="transportFactory">Creates the transport, given the actor that must receive inbound <c>GossipEnvelope</c>s.</param>
    /// <param name="options">Optional knobs.</param>
    public GossipNode(ActorSystem system, GossipNodeSettings settings, Func<IActorRef, IGossipTransport> transportFactory, GossipNodeStartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(transportFactory);
        _system = system;
        _options = options ?? new GossipNodeStartOptions();
        Settings = settings;
        _askTimeout = _options.AskTimeout ?? AskTimeoutOf(system);
        var loggerFactory = _options.LoggerFactory ?? Logging.LoggerFactorySetup.For(system);
        var log = loggerFactory.CreateLogger("GossipActors.Gossip");
        var nowMs = system.Scheduler.Now.ToUnixTimeMilliseconds();
        var random = new Random(_options.RandomSeed ?? Random.Shared.Next());

        var failureDetector = new FailureDetectorCore(settings.FailureDetector);
        var store = settings.DataDir is { } dir ? new GossipStateStore(dir) : null;
        var warnings = new List<string>();
        IReadOnlyList<PersistedPeer> savedPeers = [];
        Guid hostId;
        int generation;
        if (store is not null)
        {
            var loaded = store.Load(settings.DiscardCorruptState, nowMs);
            warnings.AddRange(loaded.Warnings);
            savedPeers = loaded.Peers;
            if (loaded.Local?.DecommissionedAtMs is { } decommissionedAt)
            {
                var when = DateTimeOffset.FromUnixTimeMilliseconds(decommissionedAt).ToString("u", CultureInfo.InvariantCulture);
                if (!settings.OverrideDecommission)
                {
                    throw new NodeDecommissionedException(
                        $"this node (host id {loaded.Local.HostId:D}) was decommissioned at {when} and does not rejoin with its old data directory {store.DataDirectory}; " +
                        "start it with --override-decommission (gossip.override-decommission = on) to rejoin deliberately, or give it an empty --data-dir to join as a new node");
                }

                warnings.Add($"this node was decommissioned at {when}; rejoining because gossip.override-decommission is on");
            }

            var identity = store.BeginRun(nowMs, loaded, () => _options.HostId ?? NewHostId(random));
            hostId = identity.HostId;
            generation = _options.Generation ?? identity.Generation;
        }
        else
        {
            hostId = _options.HostId ?? NewHostId(random);
            generation = _options.Generation ?? Protocol.Gossip.Generation.Next(null, nowMs);
        }

        foreach (var warning in warnings)
        {
            log.LogWarning("{Warning}", warning);
        }

        StartupWarnings = warnings;
        _runtime = new GossiperRuntime(
            new GossipTimings(settings.Interval, settings.RoundTimeout, TimeSpan.FromTicks(1 + random.NextInt64(settings.Interval.Ticks)), settings.LoadPublishInterval),
            failureDetector,
            store,
            GossiperRuntime.DispatcherOf(system),
            GossiperRuntime.MailboxOf(system),
            loggerFactory);
        _runtime.InboundObserver = _options.InboundObserver;
        _runtime.InboundHandledObserver = _options.InboundHandledObserver;
        var runtime = _runtime;
        var props = runtime.ForTree(Props.Create(() => new Gossiper(runtime)));
        Gossiper = _options.SystemActor
            ? ((ExtendedActorSystem)system).SystemActorOf(props, _options.ActorName)
            : system.ActorOf(props, _options.ActorName);
        var transport = transportFactory(Gossiper);

        var initial = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ApplicationStateKeys.Dc] = settings.Dc,
            [ApplicationStateKeys.Rack] = settings.Rack,
        };
        foreach (var (key, value) in settings.ApplicationStates)
        {
            initial[key] = value;
        }

        if (settings.ClusterSettings is { } clusterSettings)
        {
            initial[ApplicationStateKeys.Config] = clusterSettings.ToString();
        }

        var core = new GossipNodeCore(
            new Protocol.Gossip.GossipNodeOptions
            {
                LocalEndpoint = transport.LocalAddress,
                HostId = hostId,
                Generation = generation,
                Settings = settings.ToGossipSettings(),
                InitialApplicationStates = initial,
                DiscardHeartbeatArrivals = _options.DiscardHeartbeatArrivals,
                DiscardClockSamples = _options.DiscardClockSamples,
                ClockOffsetMs = (long)_options.ClockOffset.TotalMilliseconds,
            },
            random,
            transport as ISeedTransportDiagnostics);
        foreach (var peer in savedPeers)
        {
            if (peer.Departed is { } departed)
            {
                // Left for good: restored as it left (never probed, never reported joining), until its LEFT state expires.
                core.AddDepartedEndpoint(EndpointAddress.Parse(peer.Address), departed.ToEndpointState(), nowMs);
                continue;
            }

            RememberedPeerCount++;
            var states = new Dictionary<string, string>(StringComparer.Ordinal);
            if (peer.HostId is { } peerHostId)
            {
                states[ApplicationStateKeys.HostId] = peerHostId.ToString("D");
            }

            if (peer.Dc is { } dc)
            {
                states[ApplicationStateKeys.Dc] = dc;
            }

            if (peer.Rack is { } rack)
            {
                states[ApplicationStateKeys.Rack] = rack;
            }

            core.AddSavedEndpoint(EndpointAddress.Parse(peer.Address), states);
        }

        if (_options.WarmStartEndpoints is { } warm)
        {
            core.PreloadLiveEndpoints(warm, nowMs);
        }

        _runtime.Initialize(core, transport);
        Gossiper.Tell(InitializeGossiper.Instance, ActorRefs.NoSender);
    }

    public GossipNodeSettings Settings { get; }

    /// <summary>
    /// The gossiper (<c>/system/gossip</c> when started by the GossipExtension). Not on <see cref="IGossipCluster"/>: the
    /// host's diagnostics (tpstats) and tests talk to it; an application needs the interface only.
    /// </summary>
    public IActorRef Gossiper { get; }

    public ClusterSnapshot CurrentSnapshot => _runtime.Snapshots.Current;

    public EndpointAddress LocalEndpoint => _runtime.Core.LocalEndpoint;

    public Guid HostId => _runtime.Core.Options.HostId;

    public int Generation => _runtime.Core.Generation;

    /// <summary>Exchanges dropped because a newer SYN replaced one still waiting for a busy peer (thread-safe).</summary>
    public long ExchangesReplaced => _runtime.ExchangesReplaced;

    /// <summary>Peers remembered from the last run (not counting those that left for good): the shadow round asks them too.</summary>
    public int RememberedPeerCount { get; }

    /// <summary>Problems found in the data directory (corrupt files are reported here and in the log, never fatal).</summary>
    public IReadOnlyList<string> StartupWarnings { get; }

    /// <summary>The runtime the actors share (pure core, failure detector); read it only from tests and simulations while nothing runs.</summary>
    public GossiperRuntime Runtime => _runtime;

    /// <summary>
    /// Runs the shadow round and begins gossip. Completes when a seed answered (or a seed bootstrapped alone);
    /// fails with <see cref="SeedsUnreachableException"/> ("Unable to gossip with any seeds", seed by seed) or
    /// <see cref="EndpointCollisionException"/>.
    /// </summary>
    public Task StartAsync()
    {
        Gossiper.Tell(new StartGossip(_options.WarmStartEndpoints is not null), ActorRefs.NoSender);
        return _runtime.Started.Task;
    }

    /// <summary>Completes when gossip began; faults like <see cref="StartAsync"/>.</summary>
    public Task Started => _runtime.Started.Task;

    /// <summary>
    /// Never completes while the node runs; faults with <see cref="EndpointCollisionException"/> when the running node
    /// found another live node with its host id and stopped (it announced its shutdown). Hosts stop the process on it.
    /// </summary>
    public Task Faulted => _runtime.Faulted.Task;

    /// <summary>
    /// Graceful shutdown: STATUS shutdown,true announced to known peers that are not already gone, peers saved, then the
    /// tree stops. Completes when the gossiper has stopped; fails with a <see cref="TimeoutException"/> when it has not
    /// within <paramref name="timeout"/> (default: the ask timeout) on the system's scheduler. Later calls return the first.
    /// </summary>
    public Task StopAsync(TimeSpan? timeout = null)
    {
        var stopped = _runtime.Stopped;
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return stopped.Task;
        }

        var wait = timeout ?? _askTimeout;
        var expiry = new Cancelable(_system.Scheduler);
        _system.Scheduler.Advanced.ScheduleOnce(
            wait,
            () => stopped.TrySetException(new TimeoutException($"{Gossiper.Path} did not stop within {wait}")),
            expiry);
        _ = stopped.Task.ContinueWith(_ => expiry.Cancel(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        // One message: the announcement and the stop cannot be separated by anything else in the mailbox.
        Gossiper.Tell(StopGossiper.Instance, ActorRefs.NoSender);
        return stopped.Task;
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    // The asks below complete on the gossiper's reply, not a thread-pool hop later (see GossipAsk).
    public Task<GossipView> GetViewAsync() => Ask<GossipView>(GetGossipView.Instance);

    public Task<IReadOnlyList<ClusterMember>> GetMembersAsync() =>
        GossipAsk.Ask<GossipView, IReadOnlyList<ClusterMember>>(_system, Gossiper, GetGossipView.Instance, _askTimeout, view => view.Members);

    public Task SetApplicationStateAsync(string key, string value)
    {
        RefuseOversized(key, value);
        return Ask<Done>(new SetApplicationState(key, value));
    }

    public void SetApplicationState(string key, string value)
    {
        RefuseOversized(key, value);
        Gossiper.Tell(new SetApplicationState(key, value), ActorRefs.NoSender);
    }

    /// <summary>Checked here, where the caller can be told, against this node's states as last published.</summary>
    /// <exception cref="ApplicationStateTooLargeException">This node's state would no longer fit in one message.</exception>
    private void RefuseOversized(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        if (key == ApplicationStateKeys.Unreachable)
        {
            throw new ArgumentException($"{ApplicationStateKeys.Unreachable} is set by this node's failure detector only: every node marks the endpoints it names DOWN", nameof(key));
        }

        var own = CurrentSnapshot.Member(LocalEndpoint)?.ApplicationStates
            .Where(state => !string.Equals(state.Key, key, StringComparison.Ordinal))
            .Select(state => KeyValuePair.Create(state.Key, state.Value.Value));
        if (ApplicationStateSize.Refusal(key, value, Settings.MaximumMessageSize, own, LocalEndpoint) is { } refusal)
        {
            throw new ApplicationStateTooLargeException(refusal);
        }
    }

    public IDisposable Subscribe(Action<ClusterEvent> handler) => Subscribe(handler, ClusterInitialState.None);

    public IDisposable Subscribe(Action<ClusterEvent> handler, ClusterInitialState initialState)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var provider = ((ExtendedActorSystem)_system).Provider;
        var callback = new ClusterEventCallback(provider, provider.TempPath(), handler, Gossiper, _runtime.LoggerFactory.CreateLogger("GossipActors.Gossip"));
        Gossiper.Tell(new SubscribeCluster(callback, initialState), ActorRefs.NoSender);
        return callback;
    }

    public void Subscribe(IActorRef subscriber, ClusterInitialState initialState)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        Gossiper.Tell(new SubscribeCluster(subscriber, initialState), ActorRefs.NoSender);
    }

    public void Unsubscribe(IActorRef subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        Gossiper.Tell(new UnsubscribeCluster(subscriber), ActorRefs.NoSender);
    }

    public Task<IReadOnlyList<StatusRow>> GetStatusAsync() =>
        GossipAsk.Ask<GossipView, FailureDetectorReport, IReadOnlyList<StatusRow>>(_system, Gossiper, GetGossipView.Instance, GetFailureDetectorReport.Instance, _askTimeout,
            (view, report) => ClusterQueries.Status(view, report.Endpoints));

    public Task<IReadOnlyList<GossipInfoEntry>> GetGossipInfoAsync() =>
        GossipAsk.Ask<GossipView, IReadOnlyList<GossipInfoEntry>>(_system, Gossiper, GetGossipView.Instance, _askTimeout, ClusterQueries.GossipInfo);

    public Task<IReadOnlyList<EndpointFailureSnapshot>> GetFailureDetectorSnapshotAsync() =>
        GossipAsk.Ask<FailureDetectorReport, IReadOnlyList<EndpointFailureSnapshot>>(_system, Gossiper, GetFailureDetectorReport.Instance, _askTimeout, report => report.Endpoints);

    public Task<FailureDetectorReport> GetFailureDetectorReportAsync() => Ask<FailureDetectorReport>(GetFailureDetectorReport.Instance);

    public Task<ClusterDescription> DescribeClusterAsync()
    {
        var clusterName = Settings.ClusterName;
        return GossipAsk.Ask<GossipView, ClusterDescription>(_system, Gossiper, GetGossipView.Instance, _askTimeout, view => ClusterQueries.Describe(clusterName, view));
    }

    public Task<ThresholdChange> SetPhiConvictThresholdAsync(double value) => Ask<ThresholdChange>(new ChangePhiConvictThreshold(value));

    public Task<ThresholdChange> SetPhiConvictThresholdAsync(double value, TimeSpan restoreAfter) =>
        Ask<ThresholdChange>(new ChangePhiConvictThreshold(value, restoreAfter));

    public Task<AdminResult> AssassinateAsync(EndpointAddress endpoint, bool confirm) => Ask<AdminResult>(new Assassinate(endpoint, confirm));

    public Task<AdminResult> DecommissionAsync() => Ask<AdminResult>(Decommission.Instance);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"GossipNode({LocalEndpoint}, generation {Generation})");

    private Task<T> Ask<T>(object message) => GossipAsk.Ask<T>(_system, Gossiper, message, _askTimeout);

    private static Guid NewHostId(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    /// <summary>
    /// The system's <c>akka.actor.ask-timeout</c> when it sets a finite one; otherwise reference.conf's, since Akka's own
    /// default is to wait for ever (a system created without GossipActors' configuration under it).
    /// </summary>
    private static TimeSpan AskTimeoutOf(ActorSystem system)
    {
        var configured = system.Settings.AskTimeout;
        return configured > TimeSpan.Zero ? configured : Hocon.HoconConfig.Reference.GetDuration("akka.actor.ask-timeout");
    }
}
