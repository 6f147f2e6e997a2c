using GossipActors.AdminClient.Safety;
using Xunit;

namespace GossipActors.Cli.Tests;

public sealed class AssassinationSafetyTests
{
    private const string Target = "127.0.0.1:7004";

    private static PeerPhi[] Peers(params double[] phis) =>
        [.. phis.Select((phi, i) => new PeerPhi($"127.0.0.1:{8000 + i}", phi))];

    [Fact]
    public void A_calm_cluster_is_allowed()
    {
        var verdict = AssassinationSafety.Evaluate(Target, Peers(0.1, 0.5, 1.2), force: false);

        Assert.True(verdict.Allowed);
        Assert.Equal(3, verdict.PeersConsidered);
        Assert.Empty(verdict.SuspiciousPeers);
        Assert.StartsWith("allowed: 0 of 3 other peers (0 %) have phi above 7.5", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Exactly_twenty_percent_is_allowed_and_just_above_is_refused()
    {
        Assert.True(AssassinationSafety.Evaluate(Target, Peers(9, 0, 0, 0, 0), force: false).Allowed);

        var refused = AssassinationSafety.Evaluate(Target, Peers(9, 9, 0, 0, 0, 0, 0, 0, 0), force: false);
        Assert.False(refused.Allowed);
        Assert.Equal(2, refused.SuspiciousPeers.Count);
    }

    [Fact]
    public void Refusal_names_the_counts_and_the_suspicious_peers()
    {
        var verdict = AssassinationSafety.Evaluate(Target, Peers(8.01, 0.2, 12.5, 0.3), force: false);

        Assert.False(verdict.Allowed);
        Assert.Equal(
            "refused: 2 of 4 other peers (50 %) have phi above 7.5 (127.0.0.1:8000 phi 8.01, 127.0.0.1:8002 phi 12.50); " +
            "more than 20 % means the cluster is unstable and a live node could be removed; wait for phi to settle or pass --force",
            verdict.Reason);
    }

    [Fact]
    public void Phi_equal_to_the_level_is_not_suspicious()
    {
        Assert.True(AssassinationSafety.Evaluate(Target, Peers(7.5, 7.5), force: false).Allowed);
    }

    [Fact]
    public void Force_overrides_the_refusal_but_keeps_the_reason()
    {
        var verdict = AssassinationSafety.Evaluate(Target, Peers(9, 9, 0), force: true);

        Assert.True(verdict.Allowed);
        Assert.StartsWith("forced despite an unstable cluster: 2 of 3 other peers", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_target_itself_is_not_counted()
    {
        PeerPhi[] peers = [new(Target, double.PositiveInfinity), new("127.0.0.1:7000", 0.2), new("127.0.0.1:7002", 0.4)];

        var verdict = AssassinationSafety.Evaluate(Target, peers, force: false);

        Assert.True(verdict.Allowed);
        Assert.Equal(2, verdict.PeersConsidered);
    }

    [Fact]
    public void Infinite_and_nan_phi_count_as_suspicious()
    {
        var verdict = AssassinationSafety.Evaluate(Target, Peers(double.PositiveInfinity, double.NaN, 0), force: false);

        Assert.False(verdict.Allowed);
        Assert.Equal(2, verdict.SuspiciousPeers.Count);
    }

    [Fact]
    public void No_other_peers_means_nothing_to_protect()
    {
        Assert.True(AssassinationSafety.Evaluate(Target, [new PeerPhi(Target, 20)], force: false).Allowed);
    }
}
