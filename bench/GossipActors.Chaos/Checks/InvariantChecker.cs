using System.Globalization;
using GossipActors.AdminClient.Contract;
using GossipActors.Chaos.Nodes;
using GossipActors.ClusterComparison.Measurement;

namespace GossipActors.Chaos.Checks;

/// <summary>
/// The invariants, judged on every poll against what the runner did (<see cref="ClusterState"/>). A broken one is
/// printed at once (what, where, when) and kept; each distinct break (what and where) is printed once.
/// </summary>
public sealed class InvariantChecker(ClusterState state, RunLog log, TimeSpan bound, long maxRssBytes)
{
    private readonly HashSet<string> _reported = [];
    private readonly HashSet<(int Observer, int Left)> _sawLeft = [];
    private IReadOnlyList<Observation> _last = [];

    /// <summary>How long a pair inside one side of a partition must have been left alone to be required UP when it heals.</summary>
    public static readonly TimeSpan SideQuiet = TimeSpan.FromSeconds(20);

    public List<string> Violations { get; } = [];

    public void Check(IReadOnlyList<Observation> observations, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(observations);
        _last = observations;
        foreach (var observation in observations.Where(o => o.Status is not null))
        {
            CheckSelf(observation);
            CheckMembers(observation, now);
            CheckUpWithinBound(observation, now);
        }

        CheckExits(now);
        CheckMemory();
    }

    /// <summary>
    /// Just before a partition heals, from the latest poll: inside each side, nodes that faults left alone for
    /// <see cref="SideQuiet"/> see each other UP (each side kept converging on its own).
    /// </summary>
    public void CheckSidesConverged(Network.Partition partition, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(partition);
        foreach (var side in new[] { partition.SideA, partition.SideB })
        {
            foreach (var observation in _last.Where(o => o.Status is not null && side.Contains(o.Node.Index)))
            {
                foreach (var target in side.Where(t => t != observation.Node.Index && state.ShouldSee(observation.Node.Index, t)))
                {
                    var quiet = now - state.PairTouchedAt(observation.Node.Index, target);
                    if (quiet > SideQuiet && !observation.SeesUp(state.Nodes[target].Address))
                    {
                        Broken($"side {observation.Node.Index} {target} {now.Ticks}", string.Create(CultureInfo.InvariantCulture,
                            $"inside one side of the partition, {observation.Node.Name} does not see {state.Nodes[target].Name} UP although faults left both alone for {quiet.TotalSeconds:0} s ({RunLog.LoadAverage()})"));
                    }
                }
            }
        }
    }

    /// <summary>Records a broken invariant (also used by the runner for what it sees itself: exit codes, restarts refused).</summary>
    public void Broken(string key, string text)
    {
        if (_reported.Add(key))
        {
            Violations.Add(text);
            log.Line("INVARIANT BROKEN: " + text);
        }
    }

    private void CheckSelf(Observation observation)
    {
        var node = observation.Node;
        var self = observation.Status!.Endpoints.FirstOrDefault(e => e.IsLocal);
        if (self is null)
        {
            // Still joining: the admin endpoint answers before the node has a state of its own.
            return;
        }

        if (self.Address != node.Address)
        {
            Broken($"self {node.Index}", $"{node.Name} answers as {self.Address}, not as {node.Address}");
            return;
        }

        if (self.HostId.Length == 0)
        {
            return;
        }

        node.HostId ??= self.HostId;
        if (self.HostId != node.HostId)
        {
            Broken($"hostid {node.Index} {self.HostId}", $"{node.Name} life {node.Lives} has host id {self.HostId}, its first life had {node.HostId}: the data directory was not kept");
        }

        if (node.Generation is null)
        {
            node.Generation = self.Generation;
            if (node.PreviousGeneration is { } previous && self.Generation <= previous)
            {
                Broken($"generation {node.Index} {node.Lives}", string.Create(CultureInfo.InvariantCulture,
                    $"{node.Name} life {node.Lives} started with generation {self.Generation}, not above its previous life's {previous}"));
            }
        }
    }

    private void CheckMembers(Observation observation, DateTime now)
    {
        var observer = observation.Node;
        foreach (var entry in observation.Status!.Endpoints.Where(e => !e.IsLocal))
        {
            var member = state.ByAddress(entry.Address);
            if (member is null)
            {
                Broken($"phantom {observer.Index} {entry.Address}", $"{observer.Name} lists {entry.Address} ({entry.Code}, host id {entry.HostId}), a member that never existed");
                continue;
            }

            if (member.HostId is not null && entry.HostId.Length > 0 && entry.HostId != member.HostId)
            {
                Broken($"phantom-id {observer.Index} {entry.HostId}", $"{observer.Name} lists {member.Name} with host id {entry.HostId}; that node's host id is {member.HostId}");
            }

            if (member.Phase == NodePhase.Left && member.LeftAt is { } leftAt)
            {
                CheckLeft(observer, member, entry, now - leftAt);
            }
        }
    }

    private void CheckLeft(ChaosNode observer, ChaosNode left, EndpointStatus entry, TimeSpan sinceLeft)
    {
        if (entry.State == MembershipState.Left)
        {
            _sawLeft.Add((observer.Index, left.Index));
        }
        else if (_sawLeft.Contains((observer.Index, left.Index)))
        {
            Broken($"back {observer.Index} {left.Index}", $"{observer.Name} saw decommissioned {left.Name} LEFT and now shows it {entry.Code} ({entry.State}): it came back");
        }
        else if (sinceLeft > bound)
        {
            Broken($"notleft {observer.Index} {left.Index}", string.Create(CultureInfo.InvariantCulture,
                $"{observer.Name} still shows decommissioned {left.Name} as {entry.Code} ({entry.State}) {sinceLeft.TotalSeconds:0} s after it left"));
        }
    }

    private void CheckUpWithinBound(Observation observation, DateTime now)
    {
        var observer = observation.Node;
        foreach (var target in state.Nodes.Values)
        {
            if (target == observer || !state.ShouldSee(observer.Index, target.Index))
            {
                continue;
            }

            var quiet = now - state.PairTouchedAt(observer.Index, target.Index);
            if (quiet > bound && !observation.SeesUp(target.Address))
            {
                var entry = observation.EntryFor(target.Address);
                Broken($"notup {observer.Index} {target.Index} {state.PairTouchedAt(observer.Index, target.Index).Ticks}", string.Create(CultureInfo.InvariantCulture,
                    $"{observer.Name} sees {target.Name} {(entry is null ? "not at all" : entry.Code)} {quiet.TotalSeconds:0} s after the last fault touching either (bound {bound.TotalSeconds:0} s; {RunLog.LoadAverage()})"));
            }
        }
    }

    private void CheckExits(DateTime now)
    {
        foreach (var node in state.Nodes.Values.Where(n => n.Phase is NodePhase.Running or NodePhase.Frozen))
        {
            if (node.Process is { HasExited: true } process)
            {
                node.Phase = NodePhase.Crashed;
                node.EndLife(now);
                Broken($"exit {node.Index} {node.Lives}", string.Create(CultureInfo.InvariantCulture,
                    $"{node.Name} exited unexpectedly with code {process.ExitCode} (log {node.LogPath}):\n{process.Tail(15)}"));
            }
        }
    }

    private void CheckMemory()
    {
        foreach (var node in state.Nodes.Values.Where(n => n.Phase is NodePhase.Running or NodePhase.Frozen))
        {
            if (node.Process is { } process && ProcessStats.RssBytes(process.Pid) is { } rss)
            {
                node.MaxRssBytes = Math.Max(node.MaxRssBytes, rss);
                if (rss > maxRssBytes)
                {
                    Broken($"rss {node.Index}", string.Create(CultureInfo.InvariantCulture,
                        $"{node.Name} resident memory {rss / 1048576.0:0} MiB is above the bound of {maxRssBytes / 1048576} MiB"));
                }
            }
        }
    }
}
