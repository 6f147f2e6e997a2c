using System.Globalization;
using GossipActors.Chaos.Nodes;

namespace GossipActors.Chaos.Checks;

/// <summary>
/// The run's figures, from the same polls as the checks (so to the poll interval's resolution): how long each kill -9
/// took to be seen DOWN everywhere it could be, how long a partition took to give one view after healing, how long
/// every node took to be UP on its peers after the last fault touching it (the bound measured), convictions of a
/// running node not cut off by a partition (flaps) and those of them outside any fault (false convictions).
/// </summary>
public sealed class Figures(ClusterState state, RunLog log)
{
    /// <summary>A conviction this soon after a fault touched either node is still the fault's doing.</summary>
    public static readonly TimeSpan FaultShadow = TimeSpan.FromSeconds(10);

    private readonly Dictionary<int, DateTime> _kills = [];
    private readonly Dictionary<int, DateTime> _recoveries = [];
    private readonly Dictionary<(int Observer, int Life, int Target), bool> _up = [];
    private DateTime? _healedAt;

    public List<double> DetectionSeconds { get; } = [];

    public int KillsRestartedBeforeDetection { get; private set; }

    public List<double> HealSeconds { get; } = [];

    public List<double> RecoverySeconds { get; } = [];

    public int Flaps { get; private set; }

    public int FalseConvictions { get; private set; }

    public void Killed(int node, DateTime at) => _kills[node] = at;

    /// <summary>The node is started again: a kill not yet seen everywhere gives no detection time.</summary>
    public void Restarted(int node)
    {
        if (_kills.Remove(node))
        {
            KillsRestartedBeforeDetection++;
        }
    }

    public void FaultStarted(IEnumerable<int> nodes)
    {
        foreach (var node in nodes)
        {
            _recoveries.Remove(node);
        }
    }

    public void FaultEnded(IEnumerable<int> nodes, DateTime at)
    {
        foreach (var node in nodes)
        {
            _recoveries[node] = at;
        }
    }

    public void Healed(DateTime at) => _healedAt = at;

    public void Observe(IReadOnlyList<Observation> observations, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var answered = observations.Where(o => o.Status is not null).ToList();
        CountConvictions(answered, now);
        MeasureDetections(answered, now);
        MeasureRecoveries(observations, answered, now);
        if (_healedAt is { } healed && OneView(observations, answered, _ => true))
        {
            HealSeconds.Add((now - healed).TotalSeconds);
            log.Line(string.Create(CultureInfo.InvariantCulture, $"one view again {(now - healed).TotalSeconds:0.0} s after the partition healed"));
            _healedAt = null;
        }
    }

    /// <summary>True when every pair that should see each other, of nodes that all answered, does.</summary>
    public bool OneView(IReadOnlyList<Observation> observations, IReadOnlyList<Observation> answered, Func<int, bool> involving)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(answered);
        var running = state.Nodes.Values.Where(n => n.Phase == NodePhase.Running).Select(n => n.Index).ToHashSet();
        if (answered.Count(o => running.Contains(o.Node.Index)) < running.Count)
        {
            return false;
        }

        return answered.All(o => running.Where(t => t != o.Node.Index && (involving(t) || involving(o.Node.Index)) && state.ShouldSee(o.Node.Index, t))
            .All(t => o.SeesUp(state.Nodes[t].Address)));
    }

    private void CountConvictions(List<Observation> answered, DateTime now)
    {
        foreach (var observation in answered)
        {
            foreach (var target in state.Nodes.Values.Where(t => t != observation.Node))
            {
                // Per life of the observer: a restarted node's first view (peers not yet UP again) is no conviction.
                var key = (observation.Node.Index, observation.Node.Lives, target.Index);
                var up = observation.SeesUp(target.Address);
                var wasUp = _up.TryGetValue(key, out var before) && before;
                _up[key] = up;
                // A partition's convictions are right, not flaps; loss's and a pause's aftermath are what flaps are.
                if (!wasUp || up || target.Phase != NodePhase.Running || state.ProcessFaulted.Contains(target.Index) ||
                    state.Separated(observation.Node.Index, target.Index))
                {
                    continue;
                }

                Flaps++;
                var quiet = now - state.PairTouchedAt(observation.Node.Index, target.Index) > FaultShadow;
                if (quiet && state.ShouldSee(observation.Node.Index, target.Index) && !state.NetworkFaults.Any(f => f.Nodes.Contains(target.Index) || f.Nodes.Contains(observation.Node.Index)))
                {
                    FalseConvictions++;
                    log.Line($"false conviction: {observation.Node.Name} sees running {target.Name} DOWN outside any fault ({RunLog.LoadAverage()})");
                }
                else
                {
                    log.Line($"flap: {observation.Node.Name} sees running {target.Name} DOWN ({(state.LinkFaulted(target.Index) || state.LinkFaulted(observation.Node.Index) ? "a faulted link" : "a fault touched either in the last 10 s")}; {RunLog.LoadAverage()})");
                }
            }
        }
    }

    private void MeasureDetections(List<Observation> answered, DateTime now)
    {
        foreach (var (node, killedAt) in _kills.ToList())
        {
            var address = state.Nodes[node].Address;
            var judges = answered.Where(o => o.Node.Index != node && o.Node.Phase == NodePhase.Running && !state.LinkFaulted(o.Node.Index) && !state.Separated(node, o.Node.Index)).ToList();
            if (judges.Count > 0 && judges.All(o => !o.SeesUp(address)))
            {
                _kills.Remove(node);
                DetectionSeconds.Add((now - killedAt).TotalSeconds);
                log.Line(string.Create(CultureInfo.InvariantCulture, $"{state.Nodes[node].Name} DOWN on all {judges.Count} running peers {(now - killedAt).TotalSeconds:0.0} s after kill -9"));
            }
        }
    }

    private void MeasureRecoveries(IReadOnlyList<Observation> observations, List<Observation> answered, DateTime now)
    {
        foreach (var (node, endedAt) in _recoveries.ToList())
        {
            if (state.Nodes[node].Phase != NodePhase.Running)
            {
                _recoveries.Remove(node);
            }
            else if (OneView(observations, answered, n => n == node))
            {
                _recoveries.Remove(node);
                RecoverySeconds.Add((now - endedAt).TotalSeconds);
            }
        }
    }
}
