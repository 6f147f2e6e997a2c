using System.Globalization;
using System.Text;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.Gossip;

public enum ShadowRoundStatus
{
    Running,

    /// <summary>A seed answered with states (or, for a seed node, every answer was empty): gossip may begin.</summary>
    Completed,

    Failed,
}

/// <summary>
/// The start-up probe: an empty SYN to every seed (and remembered peer), resent after
/// <c>gossip.shadow-round-first-resend-interval</c> and then at doubling gaps up to
/// <c>gossip.shadow-round-resend-interval</c>, until one answers with its full state: a seed whose process is
/// a moment late is asked again within a fraction of a second, a seed that is down is not flooded. Nodes in
/// their own shadow round answer with an empty ACK ("I am starting too").
/// <para>
/// Whole-cluster restarts must converge in any start order, so (Cassandra 4's rule): once every seed other
/// than this node has answered "starting too", nobody has state to give, and the round ends at once, for a
/// seed and a non-seed alike, so a fresh cluster forms in its first gossip rounds. A node with remembered
/// peers waits one gossip interval more for one of them (it may be running) before it proceeds. A seed that
/// hears only empty answers while another seed is silent waits one gossip interval for a real answer and then
/// proceeds; a node that
/// heard an empty answer asks that node again every gossip interval instead of every resend interval,
/// so it gets state the moment the seed begins. At the time-out a seed bootstraps alone, a node that
/// was already a member (it has remembered peers) starts gossiping with them and its seeds, and only a
/// node joining for the first time fails, with a text that says, seed by seed, what was tried and what
/// happened.
/// </para>
/// </summary>
public sealed class ShadowRound
{
    private readonly Dictionary<EndpointAddress, Probe> _probes = [];
    private readonly List<EndpointAddress> _order = [];
    private readonly GossipSettings _settings;
    private readonly EndpointAddress _local;
    private readonly bool _localIsSeed;
    private readonly long _startedAtMs;
    private readonly int _rememberedPeers;
    private long _nextResendAtMs = long.MinValue;
    private long _resendGapMs;
    private long? _firstEmptyAnswerAtMs;

    public ShadowRound(
        GossipSettings settings,
        EndpointAddress local,
        IEnumerable<EndpointAddress> rememberedPeers,
        long nowMs)
    {
        _settings = settings;
        _local = local;
        _startedAtMs = nowMs;
        _resendGapMs = settings.ShadowRoundFirstResendMs;
        _localIsSeed = settings.Seeds.Contains(local);
        foreach (var seed in settings.Seeds)
        {
            AddProbe(seed, isSeed: true);
        }

        foreach (var peer in rememberedPeers)
        {
            AddProbe(peer, isSeed: false);
        }

        _rememberedPeers = _order.Count(endpoint => !_probes[endpoint].IsSeed);
    }

    public ShadowRoundStatus Status { get; private set; } = ShadowRoundStatus.Running;

    /// <summary>The states the answering seed sent (empty when a seed bootstrapped alone).</summary>
    public IReadOnlyDictionary<EndpointAddress, EndpointState> States { get; private set; } =
        new Dictionary<EndpointAddress, EndpointState>();

    public EndpointAddress? AnsweredBy { get; private set; }

    public SeedsUnreachableException? Failure { get; private set; }

    /// <summary>How the round ended, in words for the log (null while running or after a failure).</summary>
    public string? Outcome { get; private set; }

    /// <summary>True when the round ended without anyone's state because the time-out passed (the operator should hear about it).</summary>
    public bool TimedOut { get; private set; }

    public IReadOnlyCollection<EndpointAddress> Targets => _order;

    /// <summary>
    /// When <see cref="Tick"/> next has something to do (a resend, a re-ask of a starting node, the end of a
    /// wait or the time-out); the host ticks the round then, since resends come sooner than gossip rounds.
    /// </summary>
    public long NextDueAtMs
    {
        get
        {
            var due = Math.Min(_nextResendAtMs, _startedAtMs + _settings.ShadowRoundTimeoutMs);
            if (_firstEmptyAnswerAtMs is { } firstEmpty)
            {
                due = Math.Min(due, firstEmpty + _settings.IntervalMs);
            }

            foreach (var probe in _probes.Values)
            {
                if (probe.AnsweredEmpty)
                {
                    due = Math.Min(due, probe.LastSentAtMs + _settings.IntervalMs);
                }
            }

            return due;
        }
    }

    /// <summary>
    /// Called at start and on every tick: returns the endpoints to send an empty SYN to now (all of them,
    /// at start and every resend interval), and fails or completes the round when its time is up.
    /// </summary>
    public IReadOnlyList<EndpointAddress> Tick(long nowMs)
    {
        if (Status != ShadowRoundStatus.Running)
        {
            return [];
        }

        if (_order.Count == 0)
        {
            Complete(null, new Dictionary<EndpointAddress, EndpointState>(), "nobody to ask: no seeds other than this node and no remembered peers");
            return [];
        }

        if (_firstEmptyAnswerAtMs is { } firstEmpty && nowMs - firstEmpty >= _settings.IntervalMs)
        {
            var starting = _order.Count(endpoint => _probes[endpoint].AnsweredEmpty);
            Complete(null, new Dictionary<EndpointAddress, EndpointState>(), string.Create(CultureInfo.InvariantCulture,
                $"this node heard only empty answers ({starting} other node{(starting == 1 ? " is" : "s are")} starting too), so nobody has state yet; proceeding"));
            return [];
        }

        if (nowMs - _startedAtMs >= _settings.ShadowRoundTimeoutMs)
        {
            TimedOut = true;
            if (_localIsSeed)
            {
                // A seed may be the first node of a cluster: after the wait it starts on its own.
                Complete(null, new Dictionary<EndpointAddress, EndpointState>(), string.Create(CultureInfo.InvariantCulture,
                    $"no seed or remembered peer answered within gossip.shadow-round-timeout ({_settings.ShadowRoundTimeoutMs} ms); this seed starts the cluster alone"));
            }
            else if (_rememberedPeers > 0)
            {
                // A restart of a member: its peers are known, so it gossips with them (and the seeds) until they answer.
                Complete(null, new Dictionary<EndpointAddress, EndpointState>(), string.Create(CultureInfo.InvariantCulture,
                    $"no seed or remembered peer answered within gossip.shadow-round-timeout ({_settings.ShadowRoundTimeoutMs} ms); this node was a member ({_rememberedPeers} remembered peer{(_rememberedPeers == 1 ? "" : "s")}), so it starts gossiping with them and its seeds and joins them when they come up"));
            }
            else
            {
                Status = ShadowRoundStatus.Failed;
            }

            return [];
        }

        var due = new List<EndpointAddress>();
        var resendAll = nowMs >= _nextResendAtMs;
        if (resendAll)
        {
            _nextResendAtMs = nowMs + _resendGapMs;
            _resendGapMs = Math.Min(_resendGapMs * 2, _settings.ShadowRoundResendMs);
        }

        foreach (var endpoint in _order)
        {
            var probe = _probes[endpoint];
            // A node that answered empty is starting too: ask it again each gossip interval, not each resend interval.
            if (resendAll || (probe.AnsweredEmpty && nowMs - probe.LastSentAtMs >= _settings.IntervalMs))
            {
                probe.Sent++;
                probe.LastSentAtMs = nowMs;
                due.Add(endpoint);
            }
        }

        return due;
    }

    /// <summary>The gap before the next resend to every endpoint (doubles after each resend, up to the cap).</summary>
    public long NextResendGapMs => _resendGapMs;

    /// <summary>Feeds an ACK received during the shadow round; returns true when the round is over.</summary>
    public bool OnAck(EndpointAddress from, GossipDigestAck ack, long nowMs)
    {
        if (Status != ShadowRoundStatus.Running)
        {
            return false;
        }

        if (!_probes.TryGetValue(from, out var probe))
        {
            return false;
        }

        probe.Replies++;
        probe.LastReply = ack.States.Count == 0
            ? "empty ACK: it is in its own shadow round"
            : string.Create(CultureInfo.InvariantCulture, $"ACK with {ack.States.Count} states");
        if (ack.States.Count > 0)
        {
            Complete(from, ack.States, string.Create(CultureInfo.InvariantCulture, $"{from} answered with {ack.States.Count} endpoint states"));
            return true;
        }

        return MarkStarting(probe, nowMs);
    }

    /// <summary>
    /// Feeds a shadow probe (an empty SYN) that <paramref name="from"/> sent us during our shadow round: only a node in
    /// its own shadow round sends one, so it says "starting too" as surely as an empty ACK does. Counting it matters
    /// when our own probes to that node were lost because it was not listening yet (a seed started a moment after
    /// this one): without it, this node would wait for its next resend. Returns true when the round is over.
    /// </summary>
    public bool OnProbeFrom(EndpointAddress from, long nowMs)
    {
        if (Status != ShadowRoundStatus.Running || !_probes.TryGetValue(from, out var probe) || probe.AnsweredEmpty)
        {
            return false;
        }

        probe.LastReply = "sent its own shadow probe: it is in its own shadow round";
        return MarkStarting(probe, nowMs);
    }

    private bool MarkStarting(Probe probe, long nowMs)
    {
        probe.AnsweredEmpty = true;
        if (EverySeedIsStarting())
        {
            if (_rememberedPeers == 0)
            {
                var seeds = _order.Count(endpoint => _probes[endpoint].IsSeed);
                Complete(null, new Dictionary<EndpointAddress, EndpointState>(), string.Create(CultureInfo.InvariantCulture,
                    $"every seed ({seeds}) answered that it is starting too, so nobody has state yet; proceeding at once"));
                return true;
            }

            // A remembered peer may be running and hold state: give it one interval (see Tick).
            _firstEmptyAnswerAtMs ??= nowMs;
        }
        else if (_localIsSeed)
        {
            // Another starting node has no state to give; a running one may still answer, so wait one interval (see Tick).
            _firstEmptyAnswerAtMs ??= nowMs;
        }

        return false;
    }

    /// <summary>The failure text for a time-out, with the transport's view of each endpoint tried.</summary>
    public SeedsUnreachableException BuildFailure(string clusterName, ISeedTransportDiagnostics? diagnostics, long nowMs)
    {
        var attempts = _order
            .Select(endpoint =>
            {
                var probe = _probes[endpoint];
                return new SeedAttempt(endpoint, probe.IsSeed, probe.Sent, probe.Replies, probe.LastReply, diagnostics?.Diagnose(_local, endpoint));
            })
            .ToList();
        var seeds = attempts.Count(attempt => attempt.IsSeed);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"Unable to gossip with any seeds: node {_local} in cluster '{clusterName}' got no state from {seeds} seed{(seeds == 1 ? "" : "s")}");
        if (attempts.Count > seeds)
        {
            text.Append(CultureInfo.InvariantCulture, $" or {attempts.Count - seeds} remembered peer{(attempts.Count - seeds == 1 ? "" : "s")}");
        }

        text.Append(CultureInfo.InvariantCulture,
            $" within gossip.shadow-round-timeout ({_settings.ShadowRoundTimeoutMs} ms, waited {nowMs - _startedAtMs} ms).");
        foreach (var attempt in attempts)
        {
            text.Append("\n  - ").Append(attempt.Describe());
        }

        text.Append("\nCheck that gossip.seeds is the same on every node, that at least one seed is running with the same cluster name, and that the seeds' gossip port is reachable from this host.");
        Failure = new SeedsUnreachableException(text.ToString(), attempts);
        return Failure;
    }

    private bool EverySeedIsStarting()
    {
        var anySeed = false;
        foreach (var endpoint in _order)
        {
            var probe = _probes[endpoint];
            if (probe.IsSeed)
            {
                anySeed = true;
                if (!probe.AnsweredEmpty)
                {
                    return false;
                }
            }
        }

        return anySeed;
    }

    private void AddProbe(EndpointAddress endpoint, bool isSeed)
    {
        if (endpoint == _local || _probes.ContainsKey(endpoint))
        {
            return;
        }

        _probes.Add(endpoint, new Probe(isSeed));
        _order.Add(endpoint);
    }

    private void Complete(EndpointAddress? from, IReadOnlyDictionary<EndpointAddress, EndpointState> states, string outcome)
    {
        Status = ShadowRoundStatus.Completed;
        AnsweredBy = from;
        States = states;
        Outcome = outcome;
    }

    private sealed class Probe(bool isSeed)
    {
        public bool IsSeed { get; } = isSeed;

        public int Sent { get; set; }

        public int Replies { get; set; }

        public string? LastReply { get; set; }

        public bool AnsweredEmpty { get; set; }

        public long LastSentAtMs { get; set; } = long.MinValue;
    }
}
