using System.Globalization;
using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.FailureDetection;

/// <summary>
/// The failure detector without an actor around it: heartbeats are reported, evaluations are asked
/// for, and time is whatever the caller says it is. Not thread-safe; one owner (the detector actor,
/// or a simulated node) drives it.
/// </summary>
public sealed partial class FailureDetectorCore
{
    private readonly Dictionary<EndpointAddress, EndpointTracker> _endpoints = [];
    private readonly IPhiModel _model;

    // With direct heartbeats, endpoints judged on gossip arrivals (the backstop: those this node does not observe) use
    // Cassandra's model whatever the configured one: gossip's gaps are irregular, and the backstop must be lenient.
    private readonly IPhiModel _gossipModel;
    private readonly IReadOnlyList<double> _initialSamples;
    private readonly IReadOnlyList<double> _directInitialSamples;
    private IReadOnlySet<EndpointAddress> _observed = new HashSet<EndpointAddress>();
    private readonly Dictionary<EndpointAddress, long> _observedSinceMs = [];
    private long? _lastEvaluationMs;
    private long _convictionsSuppressedUntilMs = long.MinValue;
    private long _localPauseNoticedAtMs = long.MinValue;

    /// <exception cref="FailureDetectorSettingsException">The settings are invalid; the message names every offending key.</exception>
    public FailureDetectorCore(FailureDetectorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var validation = settings.Validate();
        validation.ThrowIfInvalid();
        Settings = settings;
        StartupWarnings = validation.Warnings;
        _model = settings.CreateModel();
        _gossipModel = settings.Heartbeats == HeartbeatSource.Direct ? new ExponentialPhiModel() : _model;
        _initialSamples = _gossipModel.InitialSamples(settings.InitialInterval.TotalMilliseconds);
        _directInitialSamples = _model.InitialSamples(settings.HeartbeatInterval.TotalMilliseconds);
    }

    /// <summary>The settings in force, including a threshold changed at run time.</summary>
    public FailureDetectorSettings Settings { get; private set; }

    /// <summary>Warnings from validating the start-up settings, for the host to log once.</summary>
    public IReadOnlyList<string> StartupWarnings { get; }

    public IPhiModel Model => _model;

    public int EndpointCount => _endpoints.Count;

    public IEnumerable<EndpointAddress> Endpoints => _endpoints.Keys;

    /// <summary>
    /// A new heartbeat version of <paramref name="endpoint"/> was learnt through gossip (from it or relayed) at
    /// <paramref name="nowMs"/>. It is an arrival until the endpoint's first direct heartbeat; after that it only keeps
    /// the endpoint known.
    /// </summary>
    public void Report(EndpointAddress endpoint, long nowMs)
    {
        var tracker = TrackerOf(endpoint);
        if (!tracker.HearsDirectly)
        {
            tracker.Window.RecordArrival(nowMs, endsOutage: EndsOutage(tracker, nowMs));
        }
        else if (tracker.AwaitsFirstDirect)
        {
            // An arrival, but not a sample: gossip's gaps say nothing about how regular direct heartbeats will be.
            tracker.Window.RecordArrival(nowMs, endsOutage: true);
        }
    }

    /// <summary>
    /// A direct heartbeat from <paramref name="endpoint"/> arrived at <paramref name="nowMs"/>. The first one starts a
    /// new window, seeded from <c>heartbeat-interval</c>; with <c>heartbeats = gossip</c> direct heartbeats are ignored.
    /// </summary>
    /// <returns>Whether it was recorded.</returns>
    public bool ReportDirect(EndpointAddress endpoint, long nowMs)
    {
        if (Settings.Heartbeats != HeartbeatSource.Direct)
        {
            return false;
        }

        var tracker = TrackerOf(endpoint);
        if (!tracker.HearsDirectly || tracker.AwaitsFirstDirect)
        {
            tracker.SwitchToDirect(NewWindow(_directInitialSamples));
        }

        tracker.Window.RecordArrival(nowMs, endsOutage: EndsOutage(tracker, nowMs));
        return true;
    }

    /// <summary>
    /// The endpoints this node now observes (<see cref="Gossip.ObserverRing"/>), at <paramref name="nowMs"/>: any other one
    /// that was heard directly goes back to gossip arrivals, since its heartbeats stop coming here because of a
    /// membership change, not a failure. One observed for two heartbeat intervals and not heard directly yet is judged on
    /// direct heartbeats from then on, as if its first one had come then (Akka's <c>expected-response-after</c>): this
    /// node has asked it for heartbeats (<c>GossipWatch</c>), so its silence now means something, and a node killed before
    /// its first heartbeat reached its observers is convicted in seconds, not by the gossip backstop's 20. Until that
    /// first heartbeat comes, a new heartbeat version learnt through gossip still restarts the silence (without adding
    /// gossip's gap to the window of direct intervals): a subject that does
    /// not know this node yet ignores its watch (<see cref="Gossip.DirectHeartbeats"/>), and on a slow network it can
    /// be gossiping for seconds before it learns of its observers; it is alive, and gossip says so.
    /// </summary>
    public void KeepDirectOnly(IReadOnlySet<EndpointAddress> observed, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(observed);
        _observed = observed;
        foreach (var (endpoint, tracker) in _endpoints)
        {
            if (tracker.HearsDirectly && !observed.Contains(endpoint))
            {
                tracker.SwitchToGossip(NewWindow(_initialSamples));
            }
        }

        foreach (var endpoint in _observedSinceMs.Keys.Where(endpoint => !observed.Contains(endpoint)).ToList())
        {
            _observedSinceMs.Remove(endpoint);
        }

        if (Settings.Heartbeats != HeartbeatSource.Direct)
        {
            return;
        }

        var expectedMs = 2 * (long)Settings.HeartbeatInterval.TotalMilliseconds;
        foreach (var endpoint in observed)
        {
            if (!_endpoints.TryGetValue(endpoint, out var tracker) || tracker.HearsDirectly || tracker.IsDown)
            {
                continue;
            }

            if (!_observedSinceMs.TryGetValue(endpoint, out var since))
            {
                _observedSinceMs[endpoint] = nowMs;
            }
            else if (nowMs - since >= expectedMs)
            {
                tracker.SwitchToDirect(NewWindow(_directInitialSamples), due: true);
                tracker.Window.RecordArrival(since + expectedMs, endsOutage: false);
            }
        }
    }

    /// <summary>Whether <paramref name="endpoint"/>'s arrivals are direct heartbeats (false: gossip, or unknown).</summary>
    public bool HearsDirectly(EndpointAddress endpoint) => _endpoints.TryGetValue(endpoint, out var tracker) && tracker.HearsDirectly;

    /// <summary>
    /// True when the gap this arrival ends is not the peer's doing, or not its normal behaviour: the peer was convicted
    /// in it, or this node was itself paused in it (a SIGSTOP or GC of ours puts the same gap in every peer's arrivals;
    /// recorded, a 16.6 s stop of ours made a crash a minute later take 11 s to convict instead of 4.9 s). A pause is
    /// known once an evaluation noticed it, or while the evaluations are overdue by more than the threshold (the
    /// heartbeats queued during the pause may be handled before the overdue evaluation).
    /// </summary>
    private bool EndsOutage(EndpointTracker tracker, long nowMs)
    {
        if (tracker.IsDown)
        {
            return true;
        }

        if (tracker.Window.LastArrivalMs is not { } lastArrival)
        {
            return false;
        }

        var overdue = _lastEvaluationMs is { } lastEvaluation && EvaluationOverdue(nowMs) && lastArrival <= lastEvaluation;
        return overdue || lastArrival < _localPauseNoticedAtMs;
    }

    private EndpointTracker TrackerOf(EndpointAddress endpoint)
    {
        if (!_endpoints.TryGetValue(endpoint, out var tracker))
        {
            tracker = new EndpointTracker(NewWindow(_initialSamples), new FlapHistory((long)Settings.FlapWindow.TotalMilliseconds));
            _endpoints.Add(endpoint, tracker);
        }

        return tracker;
    }

    private ArrivalWindow NewWindow(IReadOnlyList<double> initialSamples) =>
        new(Settings.WindowSize, initialSamples, (long)Settings.MaxInterval.TotalMilliseconds);

    /// <summary>Forgets an endpoint (it left, or was removed); returns whether it was known.</summary>
    public bool Remove(EndpointAddress endpoint) => _endpoints.Remove(endpoint);

    /// <summary>Current phi of an endpoint; 0 when it has never been heard from.</summary>
    public double Phi(EndpointAddress endpoint, long nowMs) =>
        _endpoints.TryGetValue(endpoint, out var tracker) ? PhiOf(tracker, nowMs) : 0.0;

    public bool IsDown(EndpointAddress endpoint) => _endpoints.TryGetValue(endpoint, out var tracker) && tracker.IsDown;

    /// <summary>
    /// The scheduled status check. Convicts endpoints whose phi is above the threshold and reports
    /// convicted endpoints heard from again, unless the detector was itself paused or gossip is behind.
    /// </summary>
    /// <param name="nowMs">The current time.</param>
    /// <param name="gossipBacklogMs">How far behind the gossip stage is (age of its oldest unprocessed message).</param>
    public FailureDetectorEvaluation Evaluate(long nowMs, long gossipBacklogMs)
    {
        var localPauseMs = (long)Settings.LocalPauseThreshold.TotalMilliseconds;
        string? warning = null;
        if (EvaluationLateByMs(nowMs) is { } late && late > localPauseMs)
        {
            _convictionsSuppressedUntilMs = nowMs + localPauseMs;
            _localPauseNoticedAtMs = nowMs;
            warning = string.Create(
                CultureInfo.InvariantCulture,
                $"the failure detector ran {late} ms late (more than {FailureDetectorSettingKeys.LocalPauseThreshold} = {localPauseMs} ms), probably a local pause such as GC; convicting nobody for the next {localPauseMs} ms");
        }

        _lastEvaluationMs = _lastEvaluationMs is { } previous ? Math.Max(previous, nowMs) : nowMs;
        if (_evaluationDueMs is not null)
        {
            // The promise is kept: until the next one, lateness counts from here, so one pause is noticed once.
            _evaluationDueMs = nowMs;
        }

        if (gossipBacklogMs > (long)Settings.BacklogThreshold.TotalMilliseconds)
        {
            return new FailureDetectorEvaluation([], [], EvaluationOutcome.SkippedGossipBacklog, warning);
        }

        var suppressConvictions = nowMs < _convictionsSuppressedUntilMs;
        var convictions = new List<Conviction>();
        var recovered = new List<EndpointAddress>();
        foreach (var (endpoint, tracker) in _endpoints)
        {
            var phi = PhiOf(tracker, nowMs);
            var above = phi > Settings.PhiConvictThreshold;
            if (!tracker.IsDown && above && !suppressConvictions)
            {
                tracker.MarkDown(nowMs);
                convictions.Add(new Conviction(endpoint, phi, tracker.HearsDirectly));
            }
            else if (tracker.IsDown && !above && tracker.HeardSinceConviction)
            {
                tracker.MarkUp(nowMs);
                recovered.Add(endpoint);
            }
        }

        var outcome = suppressConvictions ? EvaluationOutcome.ConvictionsSuppressedByLocalPause : EvaluationOutcome.Evaluated;
        return new FailureDetectorEvaluation(convictions, recovered, outcome, warning);
    }

    /// <summary>Changes the threshold for this process only; out-of-range values are refused and change nothing.</summary>
    public ThresholdChange ChangePhiConvictThreshold(double value)
    {
        var previous = Settings.PhiConvictThreshold;
        var (error, warning) = FailureDetectorSettings.ValidatePhiConvictThreshold(value);
        if (error is not null)
        {
            return new ThresholdChange(false, previous, previous, InMemoryOnly: true, $"refused: {error}; the threshold stays {Format(previous)}", null);
        }

        Settings = Settings with { PhiConvictThreshold = value };
        var message = $"{FailureDetectorSettingKeys.PhiConvictThreshold} changed from {Format(previous)} to {Format(value)} in memory only: "
            + $"it reverts to the configured value at restart unless {FailureDetectorSettingKeys.PhiConvictThreshold} is also changed in configuration";
        return new ThresholdChange(true, previous, value, InMemoryOnly: true, message, warning);
    }

    /// <summary>Every known endpoint, ordered by address.</summary>
    public IReadOnlyList<EndpointFailureSnapshot> Snapshot(long nowMs)
    {
        var snapshots = new List<EndpointFailureSnapshot>(_endpoints.Count);
        foreach (var endpoint in _endpoints.Keys.Order())
        {
            snapshots.Add(SnapshotOf(endpoint, _endpoints[endpoint], nowMs));
        }

        return snapshots;
    }

    public EndpointFailureSnapshot? Snapshot(EndpointAddress endpoint, long nowMs) =>
        _endpoints.TryGetValue(endpoint, out var tracker) ? SnapshotOf(endpoint, tracker, nowMs) : null;

    private EndpointFailureSnapshot SnapshotOf(EndpointAddress endpoint, EndpointTracker tracker, long nowMs)
    {
        var transitions = tracker.Flaps.Within(nowMs);
        var downs = transitions.Count(t => !t.IsUp);
        var intervals = tracker.Window.Intervals;
        return new EndpointFailureSnapshot(
            endpoint,
            PhiOf(tracker, nowMs),
            tracker.IsDown,
            intervals.Mean,
            intervals.StandardDeviation,
            intervals.Count,
            tracker.Window.ElapsedSinceLastArrival(nowMs),
            downs,
            transitions.Count - downs,
            downs >= FlapHistory.FlappingConvictions,
            transitions,
            _observed.Contains(endpoint));
    }

    private double PhiOf(EndpointTracker tracker, long nowMs) =>
        (tracker.HearsDirectly ? _model : _gossipModel).Phi(tracker.Window.ElapsedSinceLastArrival(nowMs), tracker.Window.Intervals);

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
