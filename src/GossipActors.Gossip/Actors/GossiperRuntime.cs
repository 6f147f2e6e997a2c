using Akka.Dispatch;
using GossipActors.Gossip.Persistence;
using GossipActors.Gossip.Transport;
using GossipActors.Protocol.FailureDetection;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GossipActors.Gossip.Actors;

/// <summary>
/// Everything one node's gossiper must not lose when the actor is restarted: the pure protocol core
/// (cluster state, liveness, quarantine), the failure detector's windows, the exchanges in flight.
/// Built once by <see cref="Cluster.GossipNode"/> and handed to every incarnation of the actors, which
/// is why a crashing actor comes back with the cluster state intact. Only the owning actor touches it.
/// </summary>
public sealed class GossiperRuntime
{
    private long _exchangesReplaced;

    internal GossiperRuntime(GossipTimings timings, FailureDetectorCore failureDetector, GossipStateStore? store, string dispatcher, string mailbox, ILoggerFactory? loggerFactory)
    {
        Dispatcher = dispatcher;
        Mailbox = mailbox;
        LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        Timings = timings;
        FailureDetector = failureDetector;
        Store = store;
    }

    public GossipTimings Timings { get; }

    /// <summary>
    /// The dispatcher of every actor of the tree: <c>gossip.dispatcher</c> when the system configures one (tests put
    /// the deterministic dispatcher there), else reference.conf's <see cref="LoopDispatcherKey"/> (the gossip stage's
    /// one thread), and Akka's default for a system created without it.
    /// </summary>
    public string Dispatcher { get; }

    public ILoggerFactory LoggerFactory { get; }

    /// <summary>See <c>GossipNodeStartOptions.InboundObserver</c>.</summary>
    public Action<Protocol.Messages.GossipEnvelope>? InboundObserver { get; internal set; }

    /// <summary>See <c>GossipNodeStartOptions.InboundHandledObserver</c>.</summary>
    public Action<Cluster.InboundHandled>? InboundHandledObserver { get; internal set; }

    /// <summary>The configuration key a system sets to choose the gossip tree's dispatcher.</summary>
    public const string DispatcherKey = "gossip.dispatcher";

    /// <summary>reference.conf's dispatcher for the tree: one thread, shared with Akka's timers.</summary>
    public const string LoopDispatcherKey = "akka.actor.gossip-dispatcher";

    internal static string DispatcherOf(Akka.Actor.ActorSystem system) =>
        system.Settings.Config.HasPath(DispatcherKey) ? DispatcherKey
        : system.Settings.Config.HasPath(LoopDispatcherKey) ? LoopDispatcherKey
        : Dispatchers.DefaultDispatcherId;

    /// <summary>The mailbox of every actor of the tree: <see cref="MailboxKey"/>, a <see cref="GossipMailbox"/> unless the system says otherwise.</summary>
    public string Mailbox { get; }

    /// <summary>The configuration path of the tree's mailbox; reference.conf makes it a <see cref="GossipMailbox"/>.</summary>
    public const string MailboxKey = "akka.actor.gossip-mailbox";

    /// <summary>
    /// <see cref="MailboxKey"/>, first put under <paramref name="system"/>'s configuration from reference.conf when the
    /// system was created without it (a bare system handed to <see cref="Cluster.GossipNode"/>): Akka refuses to
    /// create an actor whose mailbox path it cannot find, and tpstats' depth needs the tree on our queue.
    /// </summary>
    public static string MailboxOf(Akka.Actor.ActorSystem system)
    {
        if (!system.Settings.Config.HasPath(MailboxKey))
        {
            var section = Hocon.HoconConfig.Reference.GetConfig(MailboxKey).ToJson(indented: false);
            system.Settings.InjectTopLevelFallback(Akka.Configuration.ConfigurationFactory.ParseString($"{MailboxKey} = {section}"));
        }

        return MailboxKey;
    }

    /// <summary>
    /// <paramref name="props"/> on the tree's dispatcher and mailbox. Akka children inherit neither from their parent,
    /// so every Props of the tree goes through here.
    /// </summary>
    internal Akka.Actor.Props ForTree(Akka.Actor.Props props) => props.WithDispatcher(Dispatcher).WithMailbox(Mailbox);

    public FailureDetectorCore FailureDetector { get; }

    internal GossipStateStore? Store { get; }

    /// <summary>The pure core; set by <see cref="Initialize"/>, once the transport (which needs the gossiper's ref) says who we are.</summary>
    public GossipNodeCore Core { get; private set; } = null!;

    internal IGossipTransport Transport { get; private set; } = null!;

    /// <summary>Whom this node's heartbeats go to and whom it observes; set by <see cref="Initialize"/>.</summary>
    public ObserverRing Ring { get; private set; } = null!;

    public bool IsInitialized { get; private set; }

    internal void Initialize(GossipNodeCore core, IGossipTransport transport)
    {
        Core = core;
        Ring = new ObserverRing(core, FailureDetector.Settings.Observers, (long)FailureDetector.Settings.HeartbeatInterval.TotalMilliseconds, transport.AcceptsDatagrams);
        Transport = transport;
        // Before the flag: once it is set the gossiper may run, and the first snapshot must be the core before it did.
        Snapshots = new ClusterSnapshotPublisher(core);
        IsInitialized = true;
    }

    /// <summary>The members snapshot the gossiper publishes; set by <see cref="Initialize"/>.</summary>
    internal ClusterSnapshotPublisher Snapshots { get; private set; } = null!;

    internal ClusterSubscribers Subscribers { get; } = new();

    internal TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the gossiper stopped for good; set on the gossiper's thread, so IsCompleted flips with it.</summary>
    internal TaskCompletionSource Stopped { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Faults when the running node had to stop (another live node has its host id).</summary>
    internal TaskCompletionSource Faulted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>At most one exchange in flight per peer; a newer SYN replaces a waiting older one.</summary>
    internal OutboundQueue Exchanges { get; } = new();

    /// <summary>
    /// SYNs that replaced an older SYN still waiting for the same peer (the older one is dropped unsent).
    /// Written by the gossiper, readable from any thread.
    /// </summary>
    public long ExchangesReplaced => Interlocked.Read(ref _exchangesReplaced);

    internal void CountReplacedExchange() => Interlocked.Increment(ref _exchangesReplaced);

    /// <summary>The round currently exchanging with each peer.</summary>
    internal Dictionary<EndpointAddress, long> Rounds { get; } = [];

    internal long NextRound { get; set; }

    internal long RoundsStarted { get; set; }

    internal long RoundsTimedOut { get; set; }

    internal long RoundsCompleted { get; set; }

    internal int TicksSinceSave { get; set; }

    internal bool PeersChanged { get; set; }

    internal bool Ticking { get; set; }
}

/// <summary>
/// The timing settings the actors need, beyond what the pure core takes, all from <see cref="Cluster.GossipNodeSettings"/>.
/// <paramref name="FirstRoundDelay"/> puts the node's rounds at its own phase within the interval, so nodes started
/// together do not all gossip at the same instant.
/// </summary>
public sealed record GossipTimings(TimeSpan Interval, TimeSpan RoundTimeout, TimeSpan FirstRoundDelay, TimeSpan LoadPublishInterval)
{
    /// <summary>A rule of persistence, not a setting: a changed peer table is saved at most this often (and at stop).</summary>
    public const int SavePeersEveryRounds = 10;
}
