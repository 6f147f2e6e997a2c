using System.Globalization;
using GossipActors.AdminClient.Rendering;

namespace GossipActors.AdminClient.Safety;

/// <summary>
/// Two rules stand between an operator and an assassination, each overridden by <c>--force</c>:
/// <list type="bullet">
/// <item><b>target-alive</b>: a target that is UP, whose STATUS is not a dead state and whose phi is not
/// above 7.5 is alive; removing it by force would make a running node an outcast. Such a node is stopped
/// or decommissioned instead. A target that is DOWN, gone by its own STATUS, or above 7.5 passes. UP is
/// echo-verified, so a NaN or unknown phi (the detector cannot judge) does not outweigh it.</item>
/// <item><b>cluster-stability</b>: while more than 20 % of the live peers look suspicious (phi above 7.5)
/// the detector cannot be trusted to tell a dead node from a slow one. Only live peers count (UP, STATUS
/// not dead): an endpoint already DOWN, shut down or left is exactly what a cleanup removes, and counting
/// it would refuse every cleanup after the second failure. The target is never counted. A NaN or unknown
/// phi of a live peer counts as suspicious because the detector cannot judge that peer.</item>
/// </list>
/// The admin endpoint applies the rules authoritatively, from its own view; gossipctl relies on its answer.
/// </summary>
public static class AssassinationSafety
{
    public const double SuspicionPhi = 7.5;
    public const int MaxSuspiciousPercent = 20;

    /// <param name="target">The endpoint to assassinate, HOST:PORT.</param>
    /// <param name="endpoints">Every endpoint the deciding node knows except itself; the target may be among them.</param>
    /// <param name="force">Override any rule that objects.</param>
    public static AssassinationVerdict Evaluate(string target, IEnumerable<PeerLiveness> endpoints, bool force)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(endpoints);

        PeerLiveness? targetView = null;
        var others = new List<PeerLiveness>();
        foreach (var endpoint in endpoints)
        {
            if (string.Equals(endpoint.Address, target, StringComparison.OrdinalIgnoreCase))
            {
                targetView = endpoint;
            }
            else
            {
                others.Add(endpoint);
            }
        }

        var figures = ClusterStability.Judge(others, SuspicionPhi, MaxSuspiciousPercent);
        var unstable = figures.Unstable;

        // Only a phi above the level argues against an UP target; an unknown or NaN one leaves UP to decide.
        var alive = targetView is { IsLive: true } seen && !(seen.Phi > SuspicionPhi);

        var objections = new List<AssassinationRule>();
        if (alive)
        {
            objections.Add(AssassinationRule.TargetAlive);
        }

        if (unstable)
        {
            objections.Add(AssassinationRule.ClusterStability);
        }

        var stability = figures.Describe();
        var reason = (objections.Count, force) switch
        {
            (0, _) => $"allowed: {TargetFinding(target, targetView)}; {stability}",
            (_, true) => "forced past " + string.Join("; and past ", objections.Select(r => $"{Name(r)}: {Finding(r, target, targetView, stability)}")),
            (1, false) => $"refused by {Name(objections[0])}: {Finding(objections[0], target, targetView, stability)}; {Advice(objections[0], orForce: true)}",
            _ => "refused by " + string.Join("; and by ", objections.Select(r => $"{Name(r)}: {Finding(r, target, targetView, stability)}; {Advice(r, orForce: false)}")) + "; or pass --force to override both",
        };
        return new AssassinationVerdict(objections.Count == 0 || force, reason, objections, figures.Suspicious, figures.LivePeers);
    }

    private static string Name(AssassinationRule rule) => rule switch
    {
        AssassinationRule.TargetAlive => "the target-alive rule",
        _ => "the cluster-stability rule",
    };

    private static string Finding(AssassinationRule rule, string target, PeerLiveness? targetView, string stability) => rule switch
    {
        AssassinationRule.TargetAlive => TargetFinding(target, targetView),
        _ => $"{stability}; more than {MaxSuspiciousPercent} % means the cluster is unstable and a live node could be removed",
    };

    private static string Advice(AssassinationRule rule, bool orForce) => rule switch
    {
        AssassinationRule.TargetAlive => orForce ? "stop or decommission it instead, or pass --force" : "stop or decommission it instead",
        _ => orForce ? "wait for phi to settle or pass --force" : "wait for phi to settle",
    };

    private static string TargetFinding(string target, PeerLiveness? view)
    {
        if (view is not { } seen)
        {
            return $"{target} is not in this node's view";
        }

        if (!seen.IsUp)
        {
            return $"{target} is DOWN";
        }

        if (seen.HasDeadStatus)
        {
            return $"{target} is UP but its STATUS says it is gone";
        }

        var phi = seen.Phi is { } value ? Phi.Format(value) : "unknown";
        if (seen.Phi > SuspicionPhi)
        {
            return Invariant($"{target} is UP but its phi {phi} is above {SuspicionPhi:0.0#}");
        }

        var judged = seen.Phi <= SuspicionPhi ? "at or below" : "not above";
        return Invariant($"{target} is UP with phi {phi} ({judged} {SuspicionPhi:0.0#}), so it is alive");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
