using GossipActors.AdminClient.Safety;
using Xunit;

namespace GossipActors.Cli.Tests;

public sealed class AssassinationSafetyTests
{
    private const string Target = "127.0.0.1:7003";

    private static readonly PeerLiveness DeadTarget = Down(Target, double.PositiveInfinity);

    private static PeerLiveness Up(string address, double? phi) => new(address, IsUp: true, HasDeadStatus: false, phi);

    private static PeerLiveness Down(string address, double? phi) => new(address, IsUp: false, HasDeadStatus: false, phi);

    private static PeerLiveness Gone(string address, bool isUp, double? phi) => new(address, isUp, HasDeadStatus: true, phi);

    /// <summary>Live peers 127.0.0.1:8000, :8001, … with the given phis, and the target DOWN.</summary>
    private static PeerLiveness[] LivePeers(params double?[] phis) =>
        [DeadTarget, .. phis.Select((phi, i) => Up($"127.0.0.1:{8000 + i}", phi))];

    [Fact]
    public void A_down_target_in_a_calm_cluster_is_allowed()
    {
        var verdict = AssassinationSafety.Evaluate(Target, LivePeers(0.1, 0.5, 1.2), force: false);

        Assert.True(verdict.Allowed);
        Assert.False(verdict.Forced);
        Assert.Empty(verdict.Objections);
        Assert.Equal(3, verdict.PeersConsidered);
        Assert.Equal("allowed: 127.0.0.1:7003 is DOWN; 0 of 3 live peers (0 %) have phi above 7.5", verdict.Reason);
    }

    [Fact]
    public void A_healthy_target_is_refused_by_the_target_alive_rule()
    {
        PeerLiveness[] view = [Up(Target, 0.08), Up("127.0.0.1:8000", 0.3)];

        var verdict = AssassinationSafety.Evaluate(Target, view, force: false);

        Assert.False(verdict.Allowed);
        Assert.Equal([AssassinationRule.TargetAlive], verdict.Objections);
        Assert.Equal(
            "refused by the target-alive rule: 127.0.0.1:7003 is UP with phi 0.08 (at or below 7.5), so it is alive; stop or decommission it instead, or pass --force",
            verdict.Reason);
    }

    [Fact]
    public void A_target_up_with_phi_exactly_at_the_level_is_alive()
    {
        Assert.Equal([AssassinationRule.TargetAlive], AssassinationSafety.Evaluate(Target, [Up(Target, 7.5)], force: false).Objections);
    }

    [Theory]
    [InlineData(false, false, 0.1, "127.0.0.1:7003 is DOWN")]
    [InlineData(true, true, 0.1, "127.0.0.1:7003 is UP but its STATUS says it is gone")]
    [InlineData(false, true, 0.1, "127.0.0.1:7003 is DOWN")]
    [InlineData(true, false, 7.51, "127.0.0.1:7003 is UP but its phi 7.51 is above 7.5")]
    [InlineData(true, false, double.PositiveInfinity, "127.0.0.1:7003 is UP but its phi Infinity is above 7.5")]
    public void A_target_that_is_down_gone_or_above_the_level_passes_the_target_alive_rule(bool isUp, bool hasDeadStatus, double phi, string finding)
    {
        var verdict = AssassinationSafety.Evaluate(Target, [new PeerLiveness(Target, isUp, hasDeadStatus, phi)], force: false);

        Assert.True(verdict.Allowed, verdict.Reason);
        Assert.Equal($"allowed: {finding}; no other live peers", verdict.Reason);
    }

    [Fact]
    public void A_target_up_with_a_nan_or_unknown_phi_is_alive_because_up_decides()
    {
        var nan = AssassinationSafety.Evaluate(Target, [Up(Target, double.NaN)], force: false);
        var unknown = AssassinationSafety.Evaluate(Target, [Up(Target, null)], force: false);

        Assert.Equal(
            "refused by the target-alive rule: 127.0.0.1:7003 is UP with phi NaN (not above 7.5), so it is alive; stop or decommission it instead, or pass --force",
            nan.Reason);
        Assert.Equal([AssassinationRule.TargetAlive], unknown.Objections);
        Assert.Contains("127.0.0.1:7003 is UP with phi unknown (not above 7.5), so it is alive", unknown.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_target_unknown_to_the_node_passes_the_target_alive_rule()
    {
        var verdict = AssassinationSafety.Evaluate(Target, [], force: false);

        Assert.True(verdict.Allowed);
        Assert.Equal("allowed: 127.0.0.1:7003 is not in this node's view; no other live peers", verdict.Reason);
    }

    [Fact]
    public void Peers_already_down_shut_down_or_left_do_not_count_towards_the_stability_rule()
    {
        // The cleanup case: two nodes died, the operator removes one; the other's infinite phi must not block it.
        PeerLiveness[] view =
        [
            DeadTarget,
            Down("127.0.0.1:7005", double.PositiveInfinity),
            Gone("127.0.0.1:7006", isUp: false, double.NaN),
            Gone("127.0.0.1:7007", isUp: true, 12),
            Up("127.0.0.1:7001", 0.2),
            Up("127.0.0.1:7002", 0.4),
        ];

        var verdict = AssassinationSafety.Evaluate(Target, view, force: false);

        Assert.True(verdict.Allowed, verdict.Reason);
        Assert.Equal(2, verdict.PeersConsidered);
        Assert.Equal("allowed: 127.0.0.1:7003 is DOWN; 0 of 2 live peers (0 %) have phi above 7.5", verdict.Reason);
    }

    [Fact]
    public void Exactly_twenty_percent_of_live_peers_is_allowed_and_just_above_is_refused()
    {
        Assert.True(AssassinationSafety.Evaluate(Target, LivePeers(9, 0, 0, 0, 0), force: false).Allowed);

        var refused = AssassinationSafety.Evaluate(Target, LivePeers(9, 9, 0, 0, 0, 0, 0, 0, 0), force: false);
        Assert.False(refused.Allowed);
        Assert.Equal([AssassinationRule.ClusterStability], refused.Objections);
        Assert.Equal(2, refused.SuspiciousPeers.Count);
    }

    [Fact]
    public void A_stability_refusal_names_the_rule_the_counts_and_the_suspicious_peers()
    {
        var verdict = AssassinationSafety.Evaluate(Target, LivePeers(9.1, double.NaN, 0.2, 0.3, 0.1), force: false);

        Assert.False(verdict.Allowed);
        Assert.Equal(
            "refused by the cluster-stability rule: 2 of 5 live peers (40 %) have phi above 7.5 (127.0.0.1:8000 phi 9.10, 127.0.0.1:8001 phi NaN); " +
            "more than 20 % means the cluster is unstable and a live node could be removed; wait for phi to settle or pass --force",
            verdict.Reason);
    }

    [Fact]
    public void Phi_equal_to_the_level_is_not_suspicious_but_infinite_nan_and_unknown_are()
    {
        Assert.True(AssassinationSafety.Evaluate(Target, LivePeers(7.5, 7.5), force: false).Allowed);

        var verdict = AssassinationSafety.Evaluate(Target, LivePeers(double.PositiveInfinity, double.NaN, null, 0), force: false);
        Assert.Equal(3, verdict.SuspiciousPeers.Count);
        Assert.Contains("127.0.0.1:8002 phi unknown", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_target_is_never_counted_by_the_stability_rule()
    {
        PeerLiveness[] view = [Up(Target, 30), Up("127.0.0.1:7000", 0.2), Up("127.0.0.1:7002", 0.4)];

        var verdict = AssassinationSafety.Evaluate(Target, view, force: false);

        Assert.True(verdict.Allowed, verdict.Reason);
        Assert.Equal(2, verdict.PeersConsidered);
    }

    [Fact]
    public void When_both_rules_refuse_both_are_named()
    {
        PeerLiveness[] view = [Up(Target, 0.08), Up("127.0.0.1:8000", 9), Up("127.0.0.1:8001", 0.1)];

        var verdict = AssassinationSafety.Evaluate(Target, view, force: false);

        Assert.False(verdict.Allowed);
        Assert.Equal([AssassinationRule.TargetAlive, AssassinationRule.ClusterStability], verdict.Objections);
        Assert.Equal(
            "refused by the target-alive rule: 127.0.0.1:7003 is UP with phi 0.08 (at or below 7.5), so it is alive; stop or decommission it instead; " +
            "and by the cluster-stability rule: 1 of 2 live peers (50 %) have phi above 7.5 (127.0.0.1:8000 phi 9.00); " +
            "more than 20 % means the cluster is unstable and a live node could be removed; wait for phi to settle; or pass --force to override both",
            verdict.Reason);
    }

    [Fact]
    public void Force_overrides_and_says_what_was_overridden()
    {
        var alive = AssassinationSafety.Evaluate(Target, [Up(Target, 0.08)], force: true);
        var unstable = AssassinationSafety.Evaluate(Target, LivePeers(9, 9, 0), force: true);

        Assert.True(alive.Allowed);
        Assert.True(alive.Forced);
        Assert.Equal("forced past the target-alive rule: 127.0.0.1:7003 is UP with phi 0.08 (at or below 7.5), so it is alive", alive.Reason);
        Assert.True(unstable.Forced);
        Assert.StartsWith(
            "forced past the cluster-stability rule: 2 of 3 live peers (66.7 %) have phi above 7.5 (127.0.0.1:8000 phi 9.00, 127.0.0.1:8001 phi 9.00)",
            unstable.Reason,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Force_with_nothing_to_override_is_a_plain_allowance()
    {
        var verdict = AssassinationSafety.Evaluate(Target, LivePeers(0.1), force: true);

        Assert.True(verdict.Allowed);
        Assert.False(verdict.Forced);
        Assert.StartsWith("allowed: ", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_target_is_matched_regardless_of_case()
    {
        var verdict = AssassinationSafety.Evaluate("HOST-A:7003", [Up("host-a:7003", 0.1)], force: false);

        Assert.Equal([AssassinationRule.TargetAlive], verdict.Objections);
    }
}
