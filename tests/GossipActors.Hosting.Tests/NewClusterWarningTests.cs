using GossipActors.TestKit;
using Microsoft.Extensions.Logging;
using Xunit;

namespace GossipActors.Hosting.Tests;

/// <summary>
/// Issue 11: a node with nothing to join (no seeds but itself, no remembered peers) forms a cluster of its own; that
/// must not pass in silence when --seeds was forgotten, and must not nag the first seed that says it is intended.
/// </summary>
public sealed class NewClusterWarningTests
{
    private const string Forming = "is forming a";

    [Fact]
    public async Task A_node_whose_only_seed_is_itself_and_that_remembers_no_peers_warns_that_it_forms_a_new_cluster()
    {
        using var logs = new CapturingLoggerProvider();
        await using var node = await TestNode.StartAsync(logs: logs);

        var line = Assert.Single(logs.Lines, l => l.Message.Contains(Forming, StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.StartsWith($"{node.GossipAddress} is forming a NEW cluster 'hosting-tests'", line.Message, StringComparison.Ordinal);
        Assert.Contains("--new-cluster (gossip.new-cluster = on)", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_without_any_seeds_warns_too()
    {
        using var logs = new CapturingLoggerProvider();
        await using var node = await TestNode.StartAsync(logs: logs, configure: g => g.Set("gossip.seeds", "[]"));

        Assert.Contains(logs.Lines, l => l.Level == LogLevel.Warning && l.Message.StartsWith($"{node.GossipAddress} is forming a NEW cluster", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_new_cluster_on_it_is_an_info_line_instead()
    {
        using var logs = new CapturingLoggerProvider();
        await using var node = await TestNode.StartAsync(logs: logs, configure: g => g.FormNewCluster());

        var line = Assert.Single(logs.Lines, l => l.Message.Contains(Forming, StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.StartsWith($"{node.GossipAddress} is forming a new cluster 'hosting-tests'", line.Message, StringComparison.Ordinal);
        Assert.True(node.Runtime.Settings.NewCluster);
    }

    [Fact]
    public async Task A_node_with_another_seed_or_with_remembered_peers_does_not_warn()
    {
        await using var seed = await TestNode.StartAsync(configure: g => g.FormNewCluster());
        using var joining = new CapturingLoggerProvider();
        var second = await TestNode.StartAsync(seed: seed.GossipAddress, logs: joining);
        var port = int.Parse(second.GossipAddress.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
        await TwoNodeCluster.WaitConvergedAsync(second);
        await second.DisposeAsync();
        Assert.DoesNotContain(joining.Lines, l => l.Message.Contains(Forming, StringComparison.Ordinal));

        // Restarted with only itself as seed: the peers it saved at stop are what it rejoins, so nothing new is formed.
        using var restarted = new CapturingLoggerProvider();
        await using var again = await TestNode.StartAsync(port: port, dataDir: second.DataDir, logs: restarted);

        Assert.True(again.Runtime.Node.RememberedPeerCount > 0, "the restarted node remembers its peer");
        Assert.DoesNotContain(restarted.Lines, l => l.Message.Contains(Forming, StringComparison.Ordinal));
        Assert.Contains(restarted.Lines, l => l.Message.Contains("starting gossip node", StringComparison.Ordinal));
    }
}
