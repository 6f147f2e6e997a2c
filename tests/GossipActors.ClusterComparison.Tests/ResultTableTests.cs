using GossipActors.ClusterComparison.Reporting;
using Xunit;

namespace GossipActors.ClusterComparison.Tests;

public sealed class ResultTableTests
{
    private static readonly SystemResult Ours = new("GossipActors, normal model", 8)
    {
        LaunchToAllUp = TimeSpan.FromSeconds(14.1),
        ProcessUpToAllUp = TimeSpan.FromSeconds(0.5),
        DownFirst = TimeSpan.FromSeconds(6.7),
        DownEvery = TimeSpan.FromSeconds(9.6),
        IdleRssMiB = 84.5,
        IdleCpuPercent = 4.35,
        IdleBytesPerSecond = 1668,
        AppStateP50 = TimeSpan.FromSeconds(1.2),
        AppStateMax = TimeSpan.FromSeconds(2.5),
    };

    private static readonly SystemResult Akka = new("Akka.Cluster 1.5.75", 8)
    {
        LaunchToAllUp = TimeSpan.FromSeconds(14.1 * 2),
        DownFirst = TimeSpan.FromSeconds(4.3),
        DownEvery = TimeSpan.FromSeconds(4.8),
        IdleRssMiB = 95.0,
        IdleCpuPercent = 10.7,
        IdleBytesPerSecond = 5542,
    };

    [Fact]
    public void Each_system_is_one_row_with_its_figures_and_n_a_where_it_measured_nothing()
    {
        var table = ResultTable.Render([Ours, Akka, new SystemResult("Serf LAN", 8) { Skipped = "serf is not installed" }]);

        Assert.Contains("| GossipActors, normal model | 8 | 14.1 s | 0.50 s | 6.7 / 9.6 s | 84.5 MiB | 4.35 % | 1,668 | 1.2 / 2.5 s |", table, StringComparison.Ordinal);
        Assert.Contains("| Akka.Cluster 1.5.75 | 8 | 28.2 s | n/a | 4.3 / 4.8 s | 95.0 MiB | 10.70 % | 5,542 | n/a |", table, StringComparison.Ordinal);
        Assert.Contains("| Serf LAN | 8 | skipped: serf is not installed |", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Ratios_divide_the_GossipActors_row_by_each_other_system_of_the_same_size()
    {
        var table = ResultTable.Render([Ours, Akka, Akka with { Label = "Serf LAN", Nodes = 16 }]);

        Assert.Contains("| GossipActors, normal model / Akka.Cluster 1.5.75 | 8 | 0.50 | n/a | 2.00 | 0.89 | 0.41 | 0.30 | n/a |", table, StringComparison.Ordinal);
        Assert.DoesNotContain("/ Serf LAN", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_kills_show_their_medians_and_the_slowest_every_survivor()
    {
        var several = Ours with
        {
            DownFirst = TimeSpan.FromSeconds(4.2),
            DownEvery = TimeSpan.FromSeconds(4.5),
            Kills = [(TimeSpan.Zero, TimeSpan.FromSeconds(4.2), TimeSpan.FromSeconds(4.5)), (TimeSpan.Zero, TimeSpan.FromSeconds(4.0), TimeSpan.FromSeconds(4.9)), (TimeSpan.Zero, TimeSpan.FromSeconds(4.4), TimeSpan.FromSeconds(4.4))],
        };

        Assert.Contains("| 4.2 / 4.5 s (median of 3; every ≤ 4.9 s) |", ResultTable.Render([several]), StringComparison.Ordinal);
    }
}
