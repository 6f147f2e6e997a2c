using System.Globalization;
using GossipActors.AdminClient.Contract;
using GossipActors.AdminClient.Safety;

namespace GossipActors.AdminClient.Checks;

/// <summary>
/// The read-only health gate of <c>gossipctl check</c>, as a pure function of one node's answers, so a cron
/// job or a CI step gets the same verdict as the tests. Three rules, judged from the checked node's own view:
/// <list type="bullet">
/// <item><b>phi</b>: more than a share of its live peers look suspicious (the assassination gate's
/// cluster-stability rule, <see cref="ClusterStability"/>); its detector cannot then tell dead from slow.</item>
/// <item><b>backlog</b>: its gossip stage is behind (its detector then suspends judgement).</item>
/// <item><b>converged</b>: it has not joined, or a member peer is DOWN (its /health).</item>
/// <item><b>config</b>: reachable nodes gossip different fingerprints of their cluster-wide settings (its
/// /describecluster).</item>
/// <item><b>clock</b>: a peer's clock, as the node estimates it from gossip exchanges, is further from its own than
/// the limit (by default the node's <c>gossip.clock-skew-warning</c>).</item>
/// </list>
/// </summary>
public static class NodeCheck
{
    public const string PhiRule = "phi";
    public const string BacklogRule = "backlog";
    public const string ConvergedRule = "converged";
    public const string ConfigRule = "config";
    public const string ClockRule = "clock";

    public static CheckReport Evaluate(
        StatusResponse status,
        FailureDetectorResponse detector,
        HealthResponse health,
        DescribeClusterResponse cluster,
        CheckThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(health);
        ArgumentNullException.ThrowIfNull(thresholds);

        var peers = status.Endpoints
            .Where(e => !e.IsLocal)
            .Select(e => new PeerLiveness(e.Address, e.Status == Liveness.Up, e.State is MembershipState.Left or MembershipState.Shutdown, e.Phi));
        var stability = ClusterStability.Judge(peers, thresholds.SuspicionPhi, thresholds.MaxSuspiciousPercent);
        var phi = new PhiRuleFigures(
            !stability.Unstable,
            Invariant($"{stability.Describe()}; at most {thresholds.MaxSuspiciousPercent:0.##} % may"),
            thresholds.SuspicionPhi,
            thresholds.MaxSuspiciousPercent,
            stability.LivePeers,
            stability.SuspiciousPercent,
            stability.Suspicious.Select(p => new SuspiciousPeer(p.Address, p.Phi)).ToList());

        var maxBacklog = thresholds.MaxBacklogMs ?? detector.BacklogThresholdMs;
        var backlogPassed = detector.GossipBacklogMs <= maxBacklog;
        var backlog = new BacklogRuleFigures(
            backlogPassed,
            Invariant($"the gossip stage is {detector.GossipBacklogMs} ms behind; at most {maxBacklog} ms may be{(backlogPassed ? string.Empty : ", so its failure detector is not judging peers")}"),
            detector.GossipBacklogMs,
            maxBacklog);

        var converged = new ConvergedRuleFigures(health.Joined && health.Converged, health.Detail, health.Joined, health.Converged);

        var groups = cluster.ConfigVersions ?? [];
        var differing = groups.SelectMany(g => g.DiffersIn).Distinct(StringComparer.Ordinal).ToList();
        var config = new ConfigRuleFigures(
            !cluster.ConfigDrift,
            cluster.ConfigDrift
                ? $"reachable nodes run with {groups.Count} different sets of cluster-wide settings; differing: {string.Join(", ", differing)}"
                : "every reachable node gossips this node's cluster-wide settings",
            groups.Count,
            differing);

        var clock = ClockRuleFrom(detector, thresholds);

        var failed = new List<string>();
        if (!phi.Passed)
        {
            failed.Add(PhiRule);
        }

        if (!backlog.Passed)
        {
            failed.Add(BacklogRule);
        }

        if (!converged.Passed)
        {
            failed.Add(ConvergedRule);
        }

        if (!config.Passed)
        {
            failed.Add(ConfigRule);
        }

        if (!clock.Passed)
        {
            failed.Add(ClockRule);
        }

        return new CheckReport(status.LocalEndpoint, failed.Count == 0, failed, phi, backlog, converged, config, clock);
    }

    private static ClockRuleFigures ClockRuleFrom(FailureDetectorResponse detector, CheckThresholds thresholds)
    {
        var limit = thresholds.MaxClockSkewMs ?? detector.ClockSkewWarningMs;
        var measured = detector.Endpoints.Where(e => e.ClockSkewMs is not null).ToList();
        var skewed = measured
            .Where(e => Math.Abs(e.ClockSkewMs!.Value) > limit)
            .OrderByDescending(e => Math.Abs(e.ClockSkewMs!.Value))
            .Select(e => new SkewedPeer(e.Address, e.ClockSkewMs!.Value, e.ClockSkewRoundTripMs ?? 0))
            .ToList();
        var largest = measured.Count == 0 ? 0 : measured.Max(e => Math.Abs(e.ClockSkewMs!.Value));
        var detail = skewed.Count > 0
            ? Invariant($"{skewed.Count} of {measured.Count} peers' clocks are further than {limit} ms from this node's: {string.Join(", ", skewed.Select(p => Invariant($"{p.Address} {p.SkewMs:+0;-0;0} ms (±{p.RoundTripMs / 2})")))}")
            : Invariant($"the {measured.Count} peers measured are within {limit} ms of this node's clock (largest {largest} ms)");
        return new ClockRuleFigures(skewed.Count == 0, detail, limit, measured.Count, largest, skewed);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
