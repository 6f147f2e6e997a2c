using System.Text.Json;
using GossipActors.AdminClient.Contract;
using GossipActors.Cli;
using GossipActors.Cli.Commands;
using Xunit;

namespace GossipActors.Hosting.Tests;

/// <summary>Configuration drift as the operator's gate and metrics see it: gossipctl check's config rule and gossipactors_config_drift.</summary>
public sealed class ConfigDriftGateTests
{
    [Fact]
    public async Task Nodes_with_different_cluster_wide_settings_fail_check_with_exit_72_and_raise_the_drift_gauge()
    {
        await using var seed = await TestNode.StartAsync(configure: g => g.FormNewCluster());
        await using var second = await TestNode.StartAsync(seed: seed.GossipAddress, configure: g => g.Set("gossip.fanout", "3"));
        await TwoNodeCluster.WaitConvergedAsync(seed);

        var check = await Eventually.ValueAsync(
            () => Run("check", "--json", "--admin", second.AdminAddress),
            r => r.Code == 72,
            "gossipctl check failing the config rule alone");

        var report = JsonSerializer.Deserialize(check.Output, AdminJsonContext.Default.CheckReport)!;
        Assert.Equal(["config"], report.Failed);
        Assert.Equal(2, report.Config.Fingerprints);
        Assert.Equal(["gossip.fanout"], report.Config.DifferingSettings);
        Assert.Contains("gossipactors_config_drift 1", await second.Admin.GetMetricsAsync(), StringComparison.Ordinal);

        var text = await Run("check", "--admin", second.AdminAddress);
        Assert.Contains("config     FAILED  reachable nodes run with 2 different sets of cluster-wide settings; differing: gossip.fanout", text.Output, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await GossipCtl.RunAsync(args, output, error, new GossipctlOptions(() => new HttpClient { Timeout = TimeSpan.FromSeconds(15) }));
        return (code, output + error.ToString());
    }
}
