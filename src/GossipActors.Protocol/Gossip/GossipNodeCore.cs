using System.Globalization;
using GossipActors.Protocol.Clock;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.Gossip;

/// <summary>
/// One node's gossip as data: every input is a method call with the current time, every effect is
/// returned in a <see cref="GossipOutput"/> (messages to send, membership events, heartbeat arrivals for
/// the failure detector, warnings). No clock, no I/O, no threads: the actor tree, the simulation and the
/// tests drive the same code. Not thread-safe; one owner calls it at a time.
/// </summary>
public sealed partial class GossipNodeCore
{
    private readonly GossipOutput _output = new();
    private readonly GossipSettings _settings;
    private readonly Random _random;
    private readonly ISeedTransportDiagnostics? _diagnostics;
    private readonly ClusterStateTable _table = new();
    private readonly VersionCounter _version = new();
    private readonly MembershipSet _live;
    private readonly MembershipSet _unreachable;
    private readonly List<EndpointAddress> _seeds;
    private readonly List<EndpointAddress> _rememberedPeers = [];

    // Endpoints that left for good: kept (for their LEFT state and its expiry) but outside the live and
    // unreachable lists, so no round, echo or shadow round ever dials them.
    private readonly HashSet<EndpointAddress> _departed = [];
    private readonly QuarantineList _quarantine;
    private readonly Func<EndpointAddress, bool> _isQuarantined;
    private ShadowRound? _shadowRound;

    // Nodes whose shadow probe we answered "starting too": they get our full state the moment gossip begins here,
    // instead of waiting for their next probe.
    private readonly HashSet<EndpointAddress> _probedWhileStarting = [];
    private long? _newsRoundDueAtMs;
    private long _lastNewsRoundAtMs = long.MinValue;
    private int _newsRoundsLeft;
    private HostIdTwin? _twin;
    private long? _leftAtMs;
    private long _nextEchoId = 1;

    // Gossiped convictions (see UnreachableClaims): each claimant's UNREACHABLE state, parsed once per new value; this
    // node's own claims as an observer (endpoint -> generation convicted); the endpoints a claim holds DOWN now, and by
    // whom; the peers whose claims name this node (they get its heartbeats, so they can hear it and withdraw).
    private readonly Dictionary<EndpointAddress, List<(EndpointAddress Endpoint, int Generation)>> _claimsBy = [];
    private readonly SortedDictionary<EndpointAddress, int> _ownClaims = [];
    private Dictionary<EndpointAddress, EndpointAddress> _claimed = [];
    private readonly List<EndpointAddress> _accusers = [];
    private bool _claimsDirty;
    private long _claimsSettledAtLiveChanges;

    public GossipNodeCore(GossipNodeOptions options, Random random, ISeedTransportDiagnostics? diagnostics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _settings = options.Settings;
        if (_settings.Fanout is < 1 or > GossipSettings.MaxFanout)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _settings.Fanout, $"gossip fanout must be 1-{GossipSettings.MaxFanout} live peers per round");
        }

        _random = random;
        _diagnostics = diagnostics;
        _seeds = _settings.Seeds.Where(seed => seed != options.LocalEndpoint).Distinct().ToList();
        _quarantine = new QuarantineList(_settings.QuarantineDelayMs);
        _isQuarantined = _quarantine.IsQuarantined;
        _live = new MembershipSet(_table, live: true);
        _unreachable = new MembershipSet(_table, live: false);
        _clocks = new ClockSkewEstimator(_settings.ClockSkewWarningMs);
    }

    public GossipNodeOptions Options { get; }

    public EndpointAddress LocalEndpoint => Options.LocalEndpoint;

    public GossipNodePhase Phase { get; private set; } = GossipNodePhase.Created;

    /// <summary>Why the node stopped, when start-up failed.</summary>
    public Exception? StartupFailure { get; private set; }

    public int Generation => Options.Generation;

    /// <summary>The live state table (read-only use); take <see cref="Snapshot"/> for a frozen copy.</summary>
    public ClusterStateTable Table => _table;

    public IReadOnlyList<EndpointAddress> LiveEndpoints => _live;

    public IReadOnlyList<EndpointAddress> UnreachableEndpoints => _unreachable;

    public IReadOnlyList<EndpointAddress> SeedsExcludingSelf => _seeds;

    /// <summary>Endpoints that left the cluster for good (LEFT or removed) and are kept until their state expires.</summary>
    public IReadOnlyCollection<EndpointAddress> DepartedEndpoints => _departed;

    /// <summary>Set once this node learned that another node assassinated it while it was running.</summary>
    public bool WasAssassinated { get; private set; }

    /// <summary>True from <see cref="Decommission"/> until the node stops: it announces LEAVING, then LEFT.</summary>
    public bool IsDecommissioning => _leftAtMs is not null || EndpointStatus.HasDeparted(LocalStatus);

    private string? LocalStatus => _table.Get(LocalEndpoint) is { } own ? EndpointStatus.StatusOf(own) : null;

    public ShadowRound? ShadowRound => _shadowRound;

    /// <summary>
    /// While the shadow round runs, when <see cref="Tick"/> should next be called for it (its resends start
    /// sooner than a gossip interval); null otherwise.
    /// </summary>
    public long? ShadowRoundDueAtMs =>
        Phase == GossipNodePhase.ShadowRound && _shadowRound is { Status: ShadowRoundStatus.Running } shadow ? shadow.NextDueAtMs : null;

    /// <summary>
    /// While gossip runs, when <see cref="TickNews"/> should be called: this node has news (it just began gossiping,
    /// or learned an endpoint or a restart it did not know) and spreads it in extra rounds instead of at its next
    /// regular one: <see cref="GossipSettings.NewsRounds"/> of them, <c>gossip.news-round-min-gap</c> apart; null when
    /// there is none.
    /// </summary>
    public long? NewsRoundDueAtMs => Phase == GossipNodePhase.Running ? _newsRoundDueAtMs : null;

    public bool IsQuarantined(EndpointAddress endpoint) => _quarantine.IsQuarantined(endpoint);

    /// <summary>Bumped whenever an endpoint joins or leaves the live or unreachable list (so also on every UP and DOWN).</summary>
    public long MembershipChanges => _live.Changes + _unreachable.Changes;

    /// <summary>Peers that gossip a claim that this node (this generation) is unreachable: they must keep hearing it.</summary>
    public IReadOnlyList<EndpointAddress> Accusers => _accusers;

    /// <summary>The endpoints this node, as their observer, currently claims unreachable (and gossips so).</summary>
    public IReadOnlyCollection<EndpointAddress> OwnClaims => _ownClaims.Keys;

    /// <summary>The observer whose gossiped claim holds <paramref name="endpoint"/> DOWN here (this node's own address for its own claim); null if none.</summary>
    public EndpointAddress? ClaimantOf(EndpointAddress endpoint) => _claimed.TryGetValue(endpoint, out var claimant) ? claimant : null;

    public ClusterStateSnapshot Snapshot() => _table.Snapshot();

    public LivenessStatus LivenessOf(EndpointAddress endpoint)
    {
        var position = _table.IndexOf(endpoint);
        return position >= 0 && _table.SlotAt(position).HasLiveness ? _table.SlotAt(position).Liveness.Status : LivenessStatus.Unknown;
    }

    public IReadOnlyList<MemberInfo> Members()
    {
        var members = new List<MemberInfo>(_table.Count);
        foreach (var (endpoint, state) in _table.Snapshot().States)
        {
            var isLocal = endpoint == LocalEndpoint;
            members.Add(new MemberInfo(endpoint, isLocal, isLocal ? LivenessStatus.Up : LivenessOf(endpoint), state));
        }

        return members;
    }

    /// <summary>
    /// Remembers a peer from the persisted peer table before <see cref="Start"/>: it is probed by the
    /// shadow round and gossiped with as unreachable, so a restart works while the seeds are down.
    /// </summary>
    public void AddSavedEndpoint(EndpointAddress endpoint, IReadOnlyDictionary<string, string>? applicationStates = null)
    {
        if (endpoint == LocalEndpoint || _table.Contains(endpoint))
        {
            return;
        }

        var state = EndpointState.Create(new HeartBeatState(0, 0));
        foreach (var (key, value) in applicationStates ?? new Dictionary<string, string>())
        {
            state = state.With(key, new VersionedValue(value, 0));
        }

        var position = _table.Put(endpoint, state, 0);
        ref var slot = ref _table.SlotAt(position);
        slot.HasLiveness = true;
        slot.Liveness = LivenessRecord.Learned(0);
        _unreachable.AddAt(endpoint, position);
        _rememberedPeers.Add(endpoint);
    }

    /// <summary>
    /// Restores, before <see cref="Start"/>, an endpoint that had left for good (LEFT or removed) with the
    /// exact state it left with, so a restart neither probes it nor reports it joining again, and stale
    /// gossip about it cannot bring it back. It is evicted when its LEFT state expires, as before.
    /// </summary>
    public void AddDepartedEndpoint(EndpointAddress endpoint, EndpointState state, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (endpoint == LocalEndpoint || _table.Contains(endpoint) || !EndpointStatus.HasDeparted(EndpointStatus.StatusOf(state)))
        {
            return;
        }

        var position = _table.Put(endpoint, state, nowMs);
        ref var slot = ref _table.SlotAt(position);
        slot.HasLiveness = true;
        slot.Liveness = LivenessRecord.Learned(nowMs);
        slot.Liveness.MarkDown(nowMs, $"status {EndpointStatus.StatusOf(state)}");
        _departed.Add(endpoint);
    }

    /// <summary>
    /// Warm start for simulations and tests: the endpoint is known with this state and treated as UP,
    /// as if its echo had already been answered. Not for production start-up.
    /// </summary>
    public void PreloadLiveEndpoints(IReadOnlyList<KeyValuePair<EndpointAddress, EndpointState>> endpoints, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        _table.EnsureCapacity(_table.Count + endpoints.Count);
        _live.EnsureCapacity(_live.Count + endpoints.Count);
        foreach (var (endpoint, state) in endpoints)
        {
            if (endpoint == LocalEndpoint)
            {
                continue;
            }

            var position = _table.Put(endpoint, state, nowMs);
            ref var slot = ref _table.SlotAt(position);
            var liveness = LivenessRecord.Learned(nowMs);
            liveness.EchoSent(0, nowMs);
            liveness.OnEchoReply(0);
            slot.HasLiveness = true;
            slot.Liveness = liveness;
            if (slot.UnreachableMark != 0)
            {
                _unreachable.Remove(endpoint);
            }

            _live.AddAt(endpoint, position);
        }
    }

    /// <summary>
    /// Publishes the local state and begins the shadow round (or gossip, when there is nobody to ask).
    /// <paramref name="skipShadowRound"/> starts gossiping at once: for simulations of an already
    /// converged cluster, not for production start-up (it skips the collision check).
    /// </summary>
    public GossipOutput Start(long nowMs, bool skipShadowRound = false)
    {
        var output = _output.Reset();
        if (Phase != GossipNodePhase.Created)
        {
            return output;
        }

        var state = EndpointState.Create(new HeartBeatState(Generation, _version.Next()))
            .With(ApplicationStateKeys.HostId, new VersionedValue(Options.HostId.ToString("D"), _version.Next()));
        foreach (var (key, value) in Options.InitialApplicationStates)
        {
            state = state.With(key, new VersionedValue(value, _version.Next()));
        }

        _table.Set(LocalEndpoint, state, nowMs);
        if (skipShadowRound)
        {
            Phase = GossipNodePhase.Running;
            output.StartedGossip = true;
            SetLocalState(ApplicationStateKeys.Status, EndpointStatus.Normal, nowMs, output);
            return output;
        }

        _shadowRound = new ShadowRound(_settings, LocalEndpoint, _rememberedPeers, nowMs);
        Phase = GossipNodePhase.ShadowRound;
        TickShadowRound(nowMs, output);
        return output;
    }

    /// <summary>
    /// Runs the news round once it is due (<see cref="NewsRoundDueAtMs"/>): a gossip round that does not advance the
    /// heartbeat, so the failure detectors' view of this node's rhythm is the regular rounds' alone.
    /// </summary>
    public GossipOutput TickNews(long nowMs)
    {
        var output = _output.Reset();
        if (Phase != GossipNodePhase.Running || _newsRoundDueAtMs is not { } due || nowMs < due)
        {
            return output;
        }

        _lastNewsRoundAtMs = nowMs;
        _newsRoundDueAtMs = --_newsRoundsLeft > 0 ? nowMs + _settings.NewsRoundMinGapMs : null;
        GossipWithPeers(output, NewsAudience(), nowMs, Math.Max(_settings.Fanout, GossipSettings.NewsFanout));
        return output;
    }

    /// <summary>A timer tick: drives the shadow round, or runs one gossip round when <paramref name="nowMs"/> is due.</summary>
    public GossipOutput Tick(long nowMs)
    {
        var output = _output.Reset();
        switch (Phase)
        {
            case GossipNodePhase.ShadowRound:
                TickShadowRound(nowMs, output);
                break;
            case GossipNodePhase.Running:
                RunRound(nowMs, output);
                SettleClaims(nowMs, output);
                break;
        }

        return output;
    }

    public GossipOutput Receive(GossipEnvelope envelope, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var output = _output.Reset();
        if (Phase is GossipNodePhase.Stopped or GossipNodePhase.Created)
        {
            return output;
        }

        switch (envelope.Message)
        {
            case GossipDigestSyn syn:
                OnSyn(envelope.From, syn, nowMs, output);
                break;
            case GossipDigestAck ack:
                OnAck(envelope.From, ack, nowMs, output);
                break;
            case GossipDigestAck2 ack2 when Phase == GossipNodePhase.Running:
                ReadClock(envelope.From, ack2, nowMs, output);
                ApplyStates(ack2.States, nowMs, output);
                break;
            case GossipShutdown shutdown when Phase == GossipNodePhase.Running:
                OnShutdownAnnounced(shutdown, nowMs, output);
                break;
            case Echo echo:
                Send(envelope.From, new EchoReply(echo.Id), output);
                break;
            case EchoReply reply:
                OnEchoReply(envelope.From, reply, nowMs, output);
                break;
        }

        SettleClaims(nowMs, output);
        return output;
    }

    public GossipOutput SetApplicationState(string key, string value, long nowMs)
    {
        var output = _output.Reset();
        if (string.IsNullOrEmpty(key))
        {
            output.Warnings.Add(new GossipWarning(GossipWarningKind.InvalidRequest, null, "application state key must not be empty"));
            return output;
        }

        if (key == ApplicationStateKeys.Unreachable)
        {
            // Every node acts on it: only this node's own convictions may be published there.
            output.Warnings.Add(new GossipWarning(GossipWarningKind.InvalidRequest, null, $"application state {key} refused: it is set by the failure detector only"));
            return output;
        }

        ArgumentNullException.ThrowIfNull(value);
        SetLocalState(key, value, nowMs, output);
        return output;
    }

    /// <summary>
    /// The failure detector convicted <paramref name="endpoint"/>: mark it DOWN if it was UP. <paramref name="byObserver"/>
    /// (it was judged on direct heartbeats, as one of its observers): the conviction is also published in this node's
    /// <see cref="ApplicationStateKeys.Unreachable"/> state, so every node holds it DOWN, until <see cref="Recovered"/>.
    /// </summary>
    public GossipOutput Convict(EndpointAddress endpoint, long nowMs, bool byObserver = false)
    {
        var output = _output.Reset();
        if (Phase == GossipNodePhase.Running && endpoint != LocalEndpoint)
        {
            MarkDown(endpoint, nowMs, byObserver ? ConvictedBy(LocalEndpoint) : "convicted by the failure detector", output);
            // A node that announced its shutdown or left is silent by design: nothing to tell the others.
            if (byObserver && !_departed.Contains(endpoint) && _table.Get(endpoint) is { } known &&
                !EndpointStatus.IsDeadState(EndpointStatus.StatusOf(known)) && known.HeartBeat is var heartBeat &&
                !(_ownClaims.TryGetValue(endpoint, out var claimed) && claimed == heartBeat.Generation))
            {
                _ownClaims[endpoint] = heartBeat.Generation;
                PublishOwnClaims(nowMs, output);
            }

            SettleClaims(nowMs, output);
        }

        return output;
    }

    /// <summary>The failure detector hears <paramref name="endpoint"/> again: this node withdraws its claim, if it had one.</summary>
    public GossipOutput Recovered(EndpointAddress endpoint, long nowMs)
    {
        var output = _output.Reset();
        if (Phase == GossipNodePhase.Running && _ownClaims.Remove(endpoint))
        {
            PublishOwnClaims(nowMs, output);
            SettleClaims(nowMs, output);
        }

        return output;
    }

    /// <summary>
    /// Withdraws this node's claims about endpoints it no longer observes (<paramref name="observes"/> says; the ring
    /// changed), or that restarted, left or were forgotten: a claim nobody can withdraw would hold a node DOWN for good.
    /// </summary>
    private void RetainClaims(Func<EndpointAddress, bool> observes, long nowMs, GossipOutput output)
    {
        if (_ownClaims.Count == 0)
        {
            return;
        }

        List<EndpointAddress>? stale = null;
        foreach (var (endpoint, generation) in _ownClaims)
        {
            if (!observes(endpoint) || _departed.Contains(endpoint) || _table.HeartBeatOf(endpoint)?.Generation != generation)
            {
                (stale ??= []).Add(endpoint);
            }
        }

        if (stale is not null)
        {
            stale.ForEach(endpoint => _ownClaims.Remove(endpoint));
            PublishOwnClaims(nowMs, output);
            SettleClaims(nowMs, output);
        }
    }

    /// <summary>Graceful shutdown: STATUS <c>shutdown,true</c>, announced to every peer not known to be gone (live or merely unreachable), then silence.</summary>
    public GossipOutput Shutdown(long nowMs)
    {
        var output = _output.Reset();
        if (Phase != GossipNodePhase.Running)
        {
            Phase = GossipNodePhase.Stopped;
            return output;
        }

        if (EndpointStatus.HasDeparted(LocalStatus))
        {
            // A node that left (decommissioned, or assassinated) stops silently, as Cassandra's does: a shutdown
            // announcement would overwrite LEFT on its peers and make them wait for it to come back.
            Phase = GossipNodePhase.Stopped;
            return output;
        }

        SetLocalState(ApplicationStateKeys.Status, EndpointStatus.ShutdownValue, nowMs, output);
        AnnounceShutdown(output);
        Phase = GossipNodePhase.Stopped;
        return output;
    }

    private void AnnounceShutdown(GossipOutput output)
    {
        var announcement = new GossipShutdown(LocalEndpoint, Generation);
        foreach (var peer in _live)
        {
            Send(peer, announcement, output);
        }

        // An unreachable peer is often only slow (both sides can convict each other under load): it must hear
        // the shutdown too, or it keeps this node NORMAL until its own detector convicts it. Gone ones are skipped.
        foreach (var peer in _unreachable)
        {
            if (_table.Get(peer) is not { } known || !EndpointStatus.IsDeadState(EndpointStatus.StatusOf(known)))
            {
                Send(peer, announcement, output);
            }
        }
    }

    /// <summary>
    /// Leaves the cluster for good, as Cassandra's decommission does: STATUS LEAVING now, then LEFT (with an
    /// expiry) after <see cref="GossipSettings.LeavingRounds"/> rounds. Keep the node gossiping for
    /// <see cref="GossipSettings.LeftRounds"/> more rounds so the cluster hears LEFT, then stop it: a node
    /// that left stops without a shutdown announcement, so its peers keep it LEFT.
    /// </summary>
    public GossipOutput Decommission(long nowMs)
    {
        var output = _output.Reset();
        if (Phase != GossipNodePhase.Running)
        {
            output.Warnings.Add(new GossipWarning(GossipWarningKind.InvalidRequest, LocalEndpoint, $"decommission of {LocalEndpoint} refused: gossip is not running"));
            return output;
        }

        if (IsDecommissioning || WasAssassinated)
        {
            output.Warnings.Add(new GossipWarning(GossipWarningKind.InvalidRequest, LocalEndpoint,
                $"decommission of {LocalEndpoint} refused: it is already {(WasAssassinated ? "removed from the cluster (assassinated)" : "leaving (" + EndpointStatus.Kind(LocalStatus) + ")")}"));
            return output;
        }

        SetLocalState(ApplicationStateKeys.Status, EndpointStatus.Leaving, nowMs, output);
        _leftAtMs = nowMs + (GossipSettings.LeavingRounds * _settings.IntervalMs);
        return output;
    }

    /// <summary>
    /// Declares another endpoint gone without its cooperation: a state with generation + 1 and STATUS
    /// LEFT, which overrides whatever the cluster knows. Refused unless <paramref name="confirm"/> is true.
    /// </summary>
    public GossipOutput Assassinate(EndpointAddress endpoint, bool confirm, long nowMs)
    {
        var output = _output.Reset();
        if (!confirm)
        {
            output.Warnings.Add(new GossipWarning(GossipWarningKind.AssassinateNotConfirmed, endpoint,
                $"assassinate {endpoint} refused: it removes the endpoint from every node's view and cannot be undone; repeat with confirm=true"));
            return output;
        }

        if (endpoint == LocalEndpoint || Phase != GossipNodePhase.Running)
        {
            output.Warnings.Add(new GossipWarning(GossipWarningKind.InvalidRequest, endpoint,
                endpoint == LocalEndpoint ? $"assassinate {endpoint} refused: that is this node; use decommission" : $"assassinate {endpoint} refused: gossip is not running"));
            return output;
        }

        var known = _table.Get(endpoint);
        var generation = known is null ? (int)(nowMs / 1000) : Versions.After(known.HeartBeat.Generation);

        // A new generation starts its versions afresh: carrying the old ones over would overflow on an endpoint
        // whose clean shutdown pinned them at the highest version.
        var version = 0;
        var state = EndpointState.Create(default);
        foreach (var (key, value) in known?.ApplicationStates ?? EndpointState.Create(default).ApplicationStates)
        {
            if (key != ApplicationStateKeys.Status)
            {
                state = state.With(key, new VersionedValue(value.Value, ++version));
            }
        }

        var status = EndpointStatus.LeftWithExpiry(nowMs + GossipSettings.LeftStateExpiryMs);
        state = state.With(ApplicationStateKeys.Status, new VersionedValue(status, ++version));
        state = state with { HeartBeat = new HeartBeatState(generation, ++version) };
        MarkDown(endpoint, nowMs, "assassinated", output);
        var hint = -1;
        ApplyOne(endpoint, state, nowMs, output, ref hint);
        SettleClaims(nowMs, output);
        return output;
    }

    private void TickShadowRound(long nowMs, GossipOutput output)
    {
        var shadow = _shadowRound!;
        var probes = shadow.Tick(nowMs);
        if (probes.Count > 0)
        {
            var probe = new GossipDigestSyn(_settings.ClusterName, []);
            foreach (var endpoint in probes)
            {
                Send(endpoint, probe, output);
            }
        }

        FinishShadowRoundIfDone(nowMs, output);
    }

    private void FinishShadowRoundIfDone(long nowMs, GossipOutput output)
    {
        var shadow = _shadowRound!;
        if (shadow.Status == ShadowRoundStatus.Failed)
        {
            Fail(shadow.BuildFailure(_settings.ClusterName, _diagnostics, nowMs), output);
            return;
        }

        if (shadow.Status != ShadowRoundStatus.Completed)
        {
            return;
        }

        if (FindCollision(shadow.States) is { } collision)
        {
            Fail(new EndpointCollisionException(collision), output);
            return;
        }

        if (_twin is null && FindHostIdTwin(shadow.States) is { } twin)
        {
            // Another address gossips our host id: a copied data directory, or this node's own earlier run at
            // another address that died. Only an answer tells them apart, so echo it before announcing ourselves.
            var id = _nextEchoId++;
            _twin = new HostIdTwin(twin, id, nowMs + (2 * _settings.EchoRetryMs));
            Send(twin, new Echo(id), output);
            return;
        }

        if (_twin is { } pending && nowMs < pending.DeadlineMs)
        {
            return;
        }

        Phase = GossipNodePhase.Running;
        output.StartedGossip = true;
        if (shadow.Outcome is { } outcome && shadow.TimedOut)
        {
            output.Warnings.Add(new GossipWarning(GossipWarningKind.ShadowRoundTimedOut, null, $"shadow round of {LocalEndpoint}: {outcome}"));
        }

        ApplyStates(shadow.States, nowMs, output);
        if (_table.Get(LocalEndpoint)?.Get(ApplicationStateKeys.Status) is null)
        {
            SetLocalState(ApplicationStateKeys.Status, EndpointStatus.Normal, nowMs, output);
        }

        // The nodes that asked while we were starting are waiting for state that we now have.
        if (_probedWhileStarting.Count > 0)
        {
            var state = DigestExaminer.FullState(_table);
            foreach (var asker in _probedWhileStarting)
            {
                Send(asker, state, output);
            }

            _probedWhileStarting.Clear();
        }

        // This node is news itself: it gossips at once rather than at its first regular round, up to an interval away.
        NoteNews(nowMs);
    }

    /// <summary>Asks for a news round (see <see cref="NewsRoundDueAtMs"/>), unless one is already pending or they are off.</summary>
    private void NoteNews(long nowMs)
    {
        if (Phase != GossipNodePhase.Running || _settings.NewsRoundMinGapMs <= 0)
        {
            return;
        }

        // Pushed once, news misses the peers nobody happened to pick (one in seven or so with two picks each); pushed in
        // a few rounds it reaches nearly all, and the regular rounds catch the rest.
        _newsRoundsLeft = GossipSettings.NewsRounds;
        _newsRoundDueAtMs ??= _lastNewsRoundAtMs == long.MinValue ? nowMs : Math.Max(nowMs, _lastNewsRoundAtMs + _settings.NewsRoundMinGapMs);
    }

    private void Fail(Exception failure, GossipOutput output)
    {
        StartupFailure = failure;
        output.StartupFailure = failure;
        Phase = GossipNodePhase.Stopped;
    }

    private string? FindCollision(IReadOnlyDictionary<EndpointAddress, EndpointState> states)
    {
        var hostId = Options.HostId.ToString("D");
        foreach (var (endpoint, state) in states)
        {
            if (state.HeartBeat.Generation <= Generation || EndpointStatus.IsDeadState(EndpointStatus.StatusOf(state)))
            {
                continue;
            }

            if (endpoint == LocalEndpoint)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"A live node already owns address {LocalEndpoint} with generation {state.HeartBeat.Generation} (this node's is {Generation}); refusing to start. Stop the other node or give this one another address.");
            }

            if (state.Get(ApplicationStateKeys.HostId)?.Value == hostId)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"A live node at {endpoint} already uses host id {hostId} with generation {state.HeartBeat.Generation} (this node's is {Generation}); refusing to start. Two nodes must not share a data directory.");
            }
        }

        return null;
    }

    /// <summary>A live-looking endpoint at another address that carries this node's host id.</summary>
    private EndpointAddress? FindHostIdTwin(IReadOnlyDictionary<EndpointAddress, EndpointState> states)
    {
        var hostId = Options.HostId.ToString("D");
        foreach (var (endpoint, state) in states)
        {
            if (endpoint != LocalEndpoint && state.Get(ApplicationStateKeys.HostId)?.Value == hostId &&
                !EndpointStatus.IsDeadState(EndpointStatus.StatusOf(state)))
            {
                return endpoint;
            }
        }

        return null;
    }

    private string TwinCollision(EndpointAddress twin, int twinGeneration) => string.Create(CultureInfo.InvariantCulture,
        $"A live node at {twin} already uses host id {Options.HostId:D} (generation {twinGeneration}; this node {LocalEndpoint} has generation {Generation}) and answered an echo; refusing to run. Two nodes must not share a data directory: give this node its own --data-dir (gossip.data-dir), or stop the other one.");

    /// <summary>
    /// A peer just proved alive (answered an echo). If it carries our host id, the two nodes came up at the
    /// same time and both passed the shadow round: the newer one (higher generation, then higher address)
    /// refuses to run, whichever of the two notices first, so exactly one survives.
    /// </summary>
    private void CheckHostIdTwinAlive(EndpointAddress endpoint, long nowMs, GossipOutput output)
    {
        if (_table.Get(endpoint) is not { } state || state.Get(ApplicationStateKeys.HostId)?.Value != Options.HostId.ToString("D") ||
            EndpointStatus.IsDeadState(EndpointStatus.StatusOf(state)))
        {
            return;
        }

        var theirs = state.HeartBeat.Generation;
        var weAreNewer = Generation > theirs || (Generation == theirs && LocalEndpoint.CompareTo(endpoint) > 0);
        if (!weAreNewer)
        {
            output.Warnings.Add(new GossipWarning(GossipWarningKind.HostIdCollision, endpoint, string.Create(CultureInfo.InvariantCulture,
                $"{endpoint} uses this node's host id {Options.HostId:D} with a newer generation ({theirs}; ours is {Generation}): it is the copy and refuses to run")));
            return;
        }

        var failure = new EndpointCollisionException(TwinCollision(endpoint, theirs));
        SetLocalState(ApplicationStateKeys.Status, EndpointStatus.ShutdownValue, nowMs, output);
        AnnounceShutdown(output);
        Phase = GossipNodePhase.Stopped;
        output.Fatal = failure;
    }

    /// <summary>
    /// Gossip about this node itself. A newer generation with STATUS LEFT means another node assassinated us
    /// while we run: peers already ignore our lower generation, so we must not keep telling ourselves (and
    /// the operator) that we are a NORMAL member. We adopt LEFT and stay so until restarted deliberately.
    /// </summary>
    private void CheckAssassinated(EndpointState remote, long nowMs, GossipOutput output)
    {
        if (WasAssassinated || Phase != GossipNodePhase.Running || remote.HeartBeat.Generation <= Generation ||
            !EndpointStatus.HasDeparted(EndpointStatus.StatusOf(remote)))
        {
            return;
        }

        WasAssassinated = true;
        _leftAtMs = null;
        var status = EndpointStatus.StatusOf(remote)!;
        SetLocalState(ApplicationStateKeys.Status, status, nowMs, output);
        output.Warnings.Add(new GossipWarning(GossipWarningKind.AssassinatedWhileAlive, LocalEndpoint, string.Create(CultureInfo.InvariantCulture,
            $"this node {LocalEndpoint} was assassinated while running: the cluster gossips it with generation {remote.HeartBeat.Generation} (ours is {Generation}) and STATUS {status}, so every peer treats it as LEFT. It no longer announces itself as NORMAL; restart it deliberately to rejoin with a new generation.")));
    }

    private void RunRound(long nowMs, GossipOutput output)
    {
        ExpireAndEvict(nowMs, output);
        if (_leftAtMs is { } leftAt && nowMs >= leftAt)
        {
            _leftAtMs = null;
            SetLocalState(ApplicationStateKeys.Status, EndpointStatus.LeftWithExpiry(nowMs + GossipSettings.LeftStateExpiryMs), nowMs, output);
        }

        var self = _table.HeartBeatOf(LocalEndpoint)!.Value;
        _table.SetHeartBeat(LocalEndpoint, self with { Version = _version.Next() }, nowMs);

        GossipWithPeers(output, _live, nowMs, _settings.Fanout);
    }

    /// <summary>
    /// Whom a news round picks its peers from: the live ones and those just learned and not yet confirmed (echo
    /// pending), since at start-up nobody is live yet and news is what they lack; not the convicted ones.
    /// </summary>
    private IReadOnlyList<EndpointAddress> NewsAudience()
    {
        List<EndpointAddress>? audience = null;
        foreach (var endpoint in _unreachable)
        {
            if (LivenessOf(endpoint) is LivenessStatus.Unknown or LivenessStatus.EchoPending)
            {
                (audience ??= [.. _live]).Add(endpoint);
            }
        }

        return audience ?? (IReadOnlyList<EndpointAddress>)_live;
    }

    private void GossipWithPeers(GossipOutput output, IReadOnlyList<EndpointAddress> live, long nowMs, int fanout)
    {
        var seeds = _departed.Count == 0 ? _seeds : _seeds.Where(seed => !_departed.Contains(seed)).ToList();
        var targets = PeerSelector.Select(live, _unreachable, seeds, _random, fanout);
        if (targets.Count == 0)
        {
            return;
        }

        var syn = new GossipDigestSyn(_settings.ClusterName, _table.BuildDigests());
        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[i].Endpoint;
            if (!ContainsBefore(targets, i, target))
            {
                Send(target, syn, output);
                SynSent(target, nowMs);
            }
        }
    }

    private static bool ContainsBefore(List<GossipTarget> targets, int index, EndpointAddress endpoint)
    {
        for (var i = 0; i < index; i++)
        {
            if (targets[i].Endpoint == endpoint)
            {
                return true;
            }
        }

        return false;
    }

    private void ExpireAndEvict(long nowMs, GossipOutput output)
    {
        _quarantine.Expire(nowMs);
        List<(EndpointAddress Endpoint, string Reason)>? evict = null;
        foreach (var endpoint in _departed.Count == 0 ? (IEnumerable<EndpointAddress>)_unreachable : _unreachable.Concat(_departed))
        {
            var position = _table.IndexOf(endpoint);
            if (position < 0)
            {
                continue;
            }

            ref var slot = ref _table.SlotAt(position);
            var status = slot.Status;
            var liveness = slot.Liveness;
            if (EndpointStatus.ExpiryOf(status) is { } expiry && expiry <= nowMs)
            {
                (evict ??= []).Add((endpoint, $"{EndpointStatus.Kind(status)} state expired"));
            }
            else if (slot.HasLiveness && liveness.Status == LivenessStatus.Down &&
                     nowMs - liveness.DownSinceMs >= _settings.DeadEndpointExpiryMs)
            {
                (evict ??= []).Add((endpoint, string.Create(CultureInfo.InvariantCulture,
                    $"down for {(nowMs - liveness.DownSinceMs) / 1000} s, longer than gossip.dead-endpoint-expiry")));
            }
        }

        foreach (var (endpoint, reason) in evict ?? [])
        {
            Evict(endpoint, reason, nowMs, output);
        }
    }

    private void Evict(EndpointAddress endpoint, string reason, long nowMs, GossipOutput output)
    {
        // The lists keep their positions in the table's slots: leave them before the slot goes.
        _live.Remove(endpoint);
        _unreachable.Remove(endpoint);
        _departed.Remove(endpoint);
        _table.Remove(endpoint);
        _clocks.Forget(endpoint);
        _claimsDirty |= _claimsBy.Remove(endpoint) || _claimed.ContainsKey(endpoint);
        _quarantine.Add(endpoint, nowMs);
        output.Events.Add(new MembershipEvent(MembershipEventKind.Removed, endpoint, nowMs, Reason: reason));
        output.Forgotten.Add(endpoint);
    }

    private void OnSyn(EndpointAddress from, GossipDigestSyn syn, long nowMs, GossipOutput output)
    {
        if (!string.Equals(syn.ClusterName, _settings.ClusterName, StringComparison.Ordinal))
        {
            output.Warnings.Add(new GossipWarning(GossipWarningKind.ClusterNameMismatch, from,
                $"dropped a gossip SYN from {from}: it belongs to cluster '{syn.ClusterName}' but this node ({LocalEndpoint}) belongs to cluster '{_settings.ClusterName}'; check cluster-name and gossip.seeds on both nodes"));
            return;
        }

        if (Phase == GossipNodePhase.ShadowRound)
        {
            // Only another node's shadow probe gets an answer: an empty one, so seeds starting together can tell.
            if (syn.Digests.Count == 0)
            {
                Send(from, new GossipDigestAck([], new EndpointStateList(0)), output);
                _probedWhileStarting.Add(from);
                if (_shadowRound!.OnProbeFrom(from, nowMs))
                {
                    FinishShadowRoundIfDone(nowMs, output);
                }
            }

            return;
        }

        var ack = syn.Digests.Count == 0
            ? DigestExaminer.FullState(_table)
            : DigestExaminer.Examine(_table, syn.Digests, _isQuarantined);
        Send(from, Stamped(ack, nowMs), output);
    }

    private void OnAck(EndpointAddress from, GossipDigestAck ack, long nowMs, GossipOutput output)
    {
        if (Phase == GossipNodePhase.ShadowRound)
        {
            if (_shadowRound!.OnAck(from, ack, nowMs))
            {
                FinishShadowRoundIfDone(nowMs, output);
            }

            return;
        }

        ReadClock(from, ack, nowMs, output);
        ApplyStates(ack.States, nowMs, output);
        if (ack.Requests.Count > 0)
        {
            var ack2 = DigestExaminer.BuildAck2(_table, ack.Requests);
            if (ack2.States.Count > 0)
            {
                Send(from, Stamped(ack2, ack, nowMs), output);
            }
        }
    }

    private void OnShutdownAnnounced(GossipShutdown shutdown, long nowMs, GossipOutput output)
    {
        var endpoint = shutdown.Endpoint;
        var heartBeat = _table.HeartBeatOf(endpoint);
        if (endpoint == LocalEndpoint || heartBeat is null || heartBeat.Value.Generation > shutdown.Generation || _departed.Contains(endpoint))
        {
            // A departed endpoint stays LEFT: only a restart (a newer generation) may bring it back.
            return;
        }

        // Pin the shutdown at the highest version of that generation, so stale gossip from peers that
        // have not heard yet cannot make it look alive again; a restart brings a newer generation.
        if (heartBeat.Value.Generation == shutdown.Generation)
        {
            _table.SetApplicationState(endpoint, ApplicationStateKeys.Status, new VersionedValue(EndpointStatus.ShutdownValue, int.MaxValue), nowMs);
            _table.SetHeartBeat(endpoint, new HeartBeatState(shutdown.Generation, int.MaxValue), nowMs);
            output.Events.Add(new MembershipEvent(MembershipEventKind.StateChanged, endpoint, nowMs, ApplicationStateKeys.Status, EndpointStatus.ShutdownValue));
        }

        MarkDown(endpoint, nowMs, "announced shutdown", output);
    }

    private void OnEchoReply(EndpointAddress from, EchoReply reply, long nowMs, GossipOutput output)
    {
        if (Phase == GossipNodePhase.ShadowRound && _twin is { } twin && twin.Endpoint == from && twin.EchoId == reply.Id)
        {
            var theirs = _shadowRound!.States.TryGetValue(from, out var state) ? state.HeartBeat.Generation : 0;
            Fail(new EndpointCollisionException(TwinCollision(from, theirs)), output);
            return;
        }

        var position = Phase == GossipNodePhase.Running ? _table.IndexOf(from) : -1;
        if (position < 0)
        {
            return;
        }

        ref var slot = ref _table.SlotAt(position);
        if (!slot.HasLiveness)
        {
            return;
        }

        if (_claimed.ContainsKey(from))
        {
            // Claimed by an observer: only an answer to a probe sent since the claim counts (an answer to an echo sent
            // before it does not), and it keeps or brings the endpoint UP here whatever the claimant sees.
            if (!_claimProbes.Answered(from, reply.Id) || !slot.Liveness.MarkUp())
            {
                return;
            }
        }
        else if (!slot.Liveness.OnEchoReply(reply.Id))
        {
            return;
        }

        _unreachable.Remove(from);
        _live.Add(from);
        output.Events.Add(new MembershipEvent(MembershipEventKind.Up, from, nowMs));
        CheckHostIdTwinAlive(from, nowMs, output);
    }

    private void ApplyStates(IReadOnlyDictionary<EndpointAddress, EndpointState> states, long nowMs, GossipOutput output)
    {
        var hint = 0;
        if (states is EndpointStateList list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                var (endpoint, state) = list[i];
                ApplyOne(endpoint, state, nowMs, output, ref hint);
            }

            return;
        }

        foreach (var (endpoint, state) in states)
        {
            ApplyOne(endpoint, state, nowMs, output, ref hint);
        }
    }

    /// <summary>Applies one remote state: generation beats version; within a generation, newer versions win key by key.</summary>
    private void ApplyOne(EndpointAddress endpoint, EndpointState remote, long nowMs, GossipOutput output, ref int hint)
    {
        if (endpoint == LocalEndpoint)
        {
            CheckAssassinated(remote, nowMs, output);
            return;
        }

        if (_quarantine.IsQuarantined(endpoint))
        {
            return;
        }

        if (Gossip.Generation.IsTooFarAhead(remote.HeartBeat.Generation, nowMs, _settings.MaxGenerationDriftSeconds))
        {
            output.Warnings.Add(new GossipWarning(GossipWarningKind.GenerationTooFarAhead, endpoint, string.Create(CultureInfo.InvariantCulture,
                $"ignored gossip about {endpoint}: its generation {remote.HeartBeat.Generation} is more than gossip.max-generation-drift ({_settings.MaxGenerationDriftSeconds} s) ahead of local time {nowMs / 1000} (epoch seconds); the state is corrupt or that node's clock is wrong")));
            return;
        }

        var position = _table.Find(endpoint, ref hint);
        if (position < 0 || remote.HeartBeat.Generation > _table.HeartBeatAt(position).Generation)
        {
            var previousGeneration = position < 0 ? 0 : _table.HeartBeatAt(position).Generation;
            var isNew = position < 0 || previousGeneration == 0;
            position = _table.Put(endpoint, remote, nowMs);
            ref var added = ref _table.SlotAt(position);
            if (!added.HasLiveness)
            {
                added.HasLiveness = true;
                added.Liveness = LivenessRecord.Learned(nowMs);
                _unreachable.AddAt(endpoint, position);
            }
            else if (!EndpointStatus.HasDeparted(added.Status) && _departed.Remove(endpoint))
            {
                // It left, and has now been restarted deliberately (a newer generation): a peer again.
                _unreachable.AddAt(endpoint, position);
            }

            NoteClaims(endpoint, remote.Get(ApplicationStateKeys.Unreachable)?.Value, output);
            _claimsDirty = true;
            NoteNews(nowMs);
            output.Events.Add(isNew
                ? new MembershipEvent(MembershipEventKind.Joined, endpoint, nowMs)
                : new MembershipEvent(MembershipEventKind.Restarted, endpoint, nowMs,
                    Reason: string.Create(CultureInfo.InvariantCulture, $"generation {previousGeneration} -> {remote.HeartBeat.Generation}")));
            foreach (var (key, value) in remote.ApplicationStates)
            {
                output.Events.Add(new MembershipEvent(MembershipEventKind.StateChanged, endpoint, nowMs, key, value.Value));
            }

            if (!isNew && added.Liveness.IsUp)
            {
                MarkDown(endpoint, nowMs, "restarted", output);
            }

            ReportHeartbeat(endpoint, nowMs, output);
            AfterChange(endpoint, EndpointStatus.StatusOf(remote), position, nowMs, output);
            return;
        }

        var heartBeat = _table.HeartBeatAt(position);
        if (remote.HeartBeat.Generation < heartBeat.Generation)
        {
            return;
        }

        ref var slot = ref _table.SlotAt(position);
        var heartBeatAdvanced = remote.HeartBeat.Version > heartBeat.Version;
        var remoteStates = remote.ApplicationStates;
        if (remoteStates.Count == 0)
        {
            if (!heartBeatAdvanced)
            {
                return;
            }

            _table.SetHeartBeatAt(position, remote.HeartBeat, nowMs);
        }
        else
        {
            var local = slot.ApplicationStates;
            var merged = local;
            foreach (var (key, value) in remoteStates)
            {
                if (!local.TryGetValue(key, out var mine) || mine.Version < value.Version)
                {
                    merged = merged.SetItem(key, value);
                    output.Events.Add(new MembershipEvent(MembershipEventKind.StateChanged, endpoint, nowMs, key, value.Value));
                    if (key == ApplicationStateKeys.Unreachable)
                    {
                        // A claim made or withdrawn is news here too: passed on at once, it reaches every node in a few
                        // round trips instead of the few gossip intervals the claimant's own news rounds would leave.
                        NoteClaims(endpoint, value.Value, output);
                        NoteNews(nowMs);
                    }
                }
            }

            if (!heartBeatAdvanced && ReferenceEquals(merged, local))
            {
                return;
            }

            _table.SetStatesAt(position, heartBeatAdvanced ? remote.HeartBeat : heartBeat, merged, nowMs);
        }

        if (heartBeatAdvanced)
        {
            ReportHeartbeat(endpoint, nowMs, output);
        }

        if (slot.HasLiveness && (!slot.Liveness.IsUp || (remoteStates.Count > 0 && remoteStates.ContainsKey(ApplicationStateKeys.Status))))
        {
            AfterChange(endpoint, slot.Status, position, nowMs, output);
        }
    }

    /// <summary>A changed endpoint that is not UP gets an echo, unless its status says it is gone; a gone one is marked DOWN.</summary>
    private void AfterChange(EndpointAddress endpoint, string? status, int position, long nowMs, GossipOutput output)
    {
        if (EndpointStatus.IsDeadState(status))
        {
            MarkDown(endpoint, nowMs, $"status {status}", output);
            return;
        }

        // Held DOWN by an observer's claim: no echo, so second-hand news of it cannot bring it UP meanwhile.
        ref var liveness = ref _table.SlotAt(position).Liveness;
        if (!_claimed.ContainsKey(endpoint) && liveness.ShouldEcho(nowMs, _settings.EchoRetryMs))
        {
            var id = _nextEchoId++;
            liveness.EchoSent(id, nowMs);
            Send(endpoint, new Echo(id), output);
        }
    }

    private void MarkDown(EndpointAddress endpoint, long nowMs, string reason, GossipOutput output)
    {
        var position = _table.IndexOf(endpoint);
        if (position < 0 || !_table.SlotAt(position).HasLiveness)
        {
            return;
        }

        if (_table.SlotAt(position).Liveness.MarkDown(nowMs, reason))
        {
            output.Events.Add(new MembershipEvent(MembershipEventKind.Down, endpoint, nowMs, Reason: reason));
        }

        _live.Remove(endpoint);
        if (EndpointStatus.HasDeparted(_table.SlotAt(position).Status))
        {
            _unreachable.Remove(endpoint);
            if (_departed.Add(endpoint))
            {
                output.Forgotten.Add(endpoint);
            }
        }
        else
        {
            _unreachable.Add(endpoint);
        }
    }

    /// <summary>A claimant's UNREACHABLE state changed (or arrived with a new generation): parse it once, here.</summary>
    private void NoteClaims(EndpointAddress claimant, string? value, GossipOutput output)
    {
        var errors = new List<string>();
        var claims = UnreachableClaims.Parse(claimant, value, errors);
        foreach (var error in errors)
        {
            output.Warnings.Add(new GossipWarning(GossipWarningKind.InvalidClaim, claimant, error));
        }

        if (claims.Count > 0)
        {
            _claimsBy[claimant] = claims;
            _claimsDirty = true;
        }
        else
        {
            _claimsDirty |= _claimsBy.Remove(claimant);
        }
    }

    private void PublishOwnClaims(long nowMs, GossipOutput output)
    {
        var value = UnreachableClaims.Format(_ownClaims);
        SetLocalState(ApplicationStateKeys.Unreachable, value, nowMs, output);
        NoteClaims(LocalEndpoint, value, output);

        // A new or withdrawn claim decides liveness on every node, and convictions are rare: this node's whole state
        // (never a part of it, which digests would then take for complete) goes straight to every live peer, and the
        // news rounds, here and on every node that learns it, reach whoever that missed.
        var own = new GossipDigestAck2(new Dictionary<EndpointAddress, EndpointState> { [LocalEndpoint] = _table.Get(LocalEndpoint)! });
        foreach (var peer in _live)
        {
            Send(peer, own, output);
        }

        NoteNews(nowMs);
    }

    /// <summary>
    /// Applies the gossiped claims: an endpoint that an observer UP here (or this node) claims unreachable for its
    /// current generation is marked DOWN, naming the observer; one no UP observer claims any more gets an echo, and its
    /// answer brings it UP. Runs after any input that changed a claim, a generation or anyone's liveness (a claimant
    /// that goes DOWN no longer counts, which can free others); each pass only marks more endpoints DOWN, so it settles.
    /// </summary>
    private void SettleClaims(long nowMs, GossipOutput output)
    {
        while (_claimsDirty || _claimsSettledAtLiveChanges != _live.Changes)
        {
            _claimsDirty = false;
            _claimsSettledAtLiveChanges = _live.Changes;
            if (_claimsBy.Count == 0 && _claimed.Count == 0)
            {
                _accusers.Clear();
                return;
            }

            var claimed = new Dictionary<EndpointAddress, EndpointAddress>();
            _accusers.Clear();
            foreach (var (claimant, claims) in _claimsBy)
            {
                var counts = claimant == LocalEndpoint || LivenessOf(claimant) == LivenessStatus.Up;
                foreach (var (endpoint, generation) in claims)
                {
                    if (endpoint == LocalEndpoint)
                    {
                        if (generation == Generation)
                        {
                            _accusers.Add(claimant);
                        }
                    }
                    else if (counts && !_departed.Contains(endpoint) && _table.HeartBeatOf(endpoint)?.Generation == generation &&
                             (!claimed.TryGetValue(endpoint, out var first) || claimant.CompareTo(first) < 0))
                    {
                        claimed[endpoint] = claimant;
                    }
                }
            }

            var previous = _claimed;
            _claimed = claimed;
            _claimProbes.ForgetUnless(claimed.ContainsKey);
            foreach (var (endpoint, claimant) in claimed)
            {
                if (claimant == LocalEndpoint)
                {
                    if (LivenessOf(endpoint) != LivenessStatus.Down)
                    {
                        MarkDown(endpoint, nowMs, ConvictedBy(claimant), output);
                    }
                }
                else if (!_claimProbes.Has(endpoint))
                {
                    Probe(endpoint, nowMs, output);
                }
            }

            foreach (var endpoint in previous.Keys)
            {
                var position = _table.IndexOf(endpoint);
                if (!claimed.ContainsKey(endpoint) && position >= 0 && !_departed.Contains(endpoint) && _table.SlotAt(position).HasLiveness)
                {
                    AfterChange(endpoint, _table.SlotAt(position).Status, position, nowMs, output);
                }
            }
        }
    }

    /// <summary>The DOWN reason of an observer's conviction (logged, and in the Down event).</summary>
    private string ConvictedBy(EndpointAddress observer) => observer == LocalEndpoint
        ? "convicted by this node's failure detector, as one of its observers"
        : $"convicted by {observer}, one of its observers";

    private void ReportHeartbeat(EndpointAddress endpoint, long nowMs, GossipOutput output)
    {
        if (!Options.DiscardHeartbeatArrivals)
        {
            output.HeartbeatArrivals.Add(new HeartbeatArrival(endpoint, nowMs));
        }
    }

    private void SetLocalState(string key, string value, long nowMs, GossipOutput output)
    {
        if (!_table.Contains(LocalEndpoint))
        {
            output.Warnings.Add(new GossipWarning(GossipWarningKind.InvalidRequest, null, $"cannot set {key}: the node has not started"));
            return;
        }

        _table.SetApplicationState(LocalEndpoint, key, new VersionedValue(value, _version.Next()), nowMs);
        output.Events.Add(new MembershipEvent(MembershipEventKind.StateChanged, LocalEndpoint, nowMs, key, value));
    }

    private void Send(EndpointAddress to, IGossipMessage message, GossipOutput output) =>
        output.Messages.Add(new GossipEnvelope(LocalEndpoint, to, message));

    private readonly record struct HostIdTwin(EndpointAddress Endpoint, long EchoId, long DeadlineMs);
}
