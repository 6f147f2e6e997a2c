using GossipActors.ClusterComparison.Measurement;
using Xunit;

namespace GossipActors.ClusterComparison.Tests;

public sealed class KillPlanTests
{
    [Fact]
    public void Every_system_at_a_size_gets_the_same_delays_each_within_a_second_and_another_seed_others()
    {
        var delays = KillPlan.Delays(seed: 42, nodes: 8, kills: 5);

        Assert.Equal(delays, KillPlan.Delays(42, 8, 5));
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.Zero, KillPlan.MaximumDelay));
        Assert.NotEqual(delays, KillPlan.Delays(43, 8, 5));
        Assert.NotEqual(delays, KillPlan.Delays(42, 16, 5));
        Assert.True(delays.Distinct().Count() > 1);
    }

    [Fact]
    public void The_seeds_are_never_killed_and_a_cluster_of_two_loses_its_second()
    {
        Assert.Equal(6, KillPlan.MostKills(8));
        Assert.Equal(1, KillPlan.MostKills(3));
        Assert.Equal(1, KillPlan.MostKills(2));
        Assert.Equal(0, KillPlan.MostKills(1));
    }

    [Fact]
    public void The_median_of_an_even_count_is_the_mean_of_the_middle_two()
    {
        Assert.Equal(TimeSpan.FromSeconds(4.5), KillPlan.Median([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(4.5), TimeSpan.FromSeconds(1)]));
        Assert.Equal(TimeSpan.FromSeconds(4.25), KillPlan.Median([TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(4.5), TimeSpan.FromSeconds(1)]));
        Assert.Null(KillPlan.Median([]));
    }
}
