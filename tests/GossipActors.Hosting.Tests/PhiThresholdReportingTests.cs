using System.Text.RegularExpressions;
using GossipActors.AdminClient;
using GossipActors.Cli;
using GossipActors.Cli.Commands;
using Xunit;

namespace GossipActors.Hosting.Tests;

/// <summary>
/// The phi convict threshold is reported from the failure detector itself, so /failuredetector, /metrics and
/// gossipctl agree with it however it was changed: through POST /setphi or straight through IGossipCluster.
/// Each test has its own node so no other test's threshold change can leak in.
/// </summary>
public sealed class PhiThresholdReportingTests
{
    [Fact]
    public async Task A_change_made_straight_through_the_cluster_shows_in_failuredetector_metrics_and_gossipctl()
    {
        await using var node = await TestNode.StartAsync(configure: g => g.Set("gossip.failure-detector.phi-convict-threshold", "10"));
        Assert.Equal(10, (await node.Admin.GetFailureDetectorAsync()).PhiConvictThreshold);
        Assert.Equal(10, MetricThreshold(await node.Admin.GetMetricsAsync()));

        // Not through the admin API: an application holding IGossipCluster changes it.
        var change = await node.Cluster.SetPhiConvictThresholdAsync(12);

        Assert.True(change.Applied, change.Message);
        Assert.Equal((10d, 12d), (change.Previous, change.Current));
        Assert.Equal(12, (await node.Cluster.GetFailureDetectorReportAsync()).PhiConvictThreshold);
        var detector = await node.Admin.GetFailureDetectorAsync();
        Assert.Equal(12, detector.PhiConvictThreshold);
        Assert.Equal("normal", detector.Model);
        Assert.Equal(12, MetricThreshold(await node.Admin.GetMetricsAsync()));
        var text = await Gossipctl("failuredetector", "--admin", node.AdminAddress);
        Assert.Equal(0, text.Code);
        Assert.Contains("Phi convict threshold: 12 (normal model)", text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Setphi_through_the_admin_endpoint_is_in_memory_and_reported_like_a_direct_change()
    {
        await using var node = await TestNode.StartAsync();

        var applied = await node.Admin.SetPhiAsync(11, confirm: true);

        Assert.Equal((8d, 11d), (applied.Previous, applied.Current));
        Assert.False(applied.Persisted);
        Assert.Contains("in memory only", applied.Message, StringComparison.Ordinal);
        Assert.Equal(11, (await node.Cluster.GetFailureDetectorReportAsync()).PhiConvictThreshold);
        Assert.Equal(11, (await node.Admin.GetFailureDetectorAsync()).PhiConvictThreshold);
        Assert.Equal(11, MetricThreshold(await node.Admin.GetMetricsAsync()));

        // A refused value changes nothing anywhere.
        var refused = await Assert.ThrowsAsync<AdminClientException>(() => node.Admin.SetPhiAsync(20, confirm: true));
        Assert.Equal(400, refused.HttpStatus);
        Assert.Equal(11, (await node.Admin.GetFailureDetectorAsync()).PhiConvictThreshold);

        // Mixed: a direct change after an admin one wins, and the next admin change starts from it.
        Assert.True((await node.Cluster.SetPhiConvictThresholdAsync(9)).Applied);
        Assert.Equal(9, (await node.Admin.GetFailureDetectorAsync()).PhiConvictThreshold);
        Assert.Equal(9, MetricThreshold(await node.Admin.GetMetricsAsync()));
        var again = await node.Admin.SetPhiAsync(8, confirm: true);
        Assert.Equal((9d, 8d), (again.Previous, again.Current));
        Assert.Equal(8, MetricThreshold(await node.Admin.GetMetricsAsync()));
    }

    [Fact]
    public async Task Setphi_for_shows_the_pending_restore_in_failuredetector_and_a_restart_reverts_to_the_configured_value()
    {
        var node = await TestNode.StartAsync(configure: g => g.Set("gossip.failure-detector.phi-convict-threshold", "9"));
        var port = int.Parse(node.GossipAddress.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            var set = await Gossipctl("setphi", "12", "--for", "10m", "--confirm", "--admin", node.AdminAddress);
            Assert.True(set.Code == 0, set.Error);
            Assert.StartsWith("gossip.failure-detector.phi-convict-threshold changed from 9 to 12 for 10 min: the node restores 9 at", set.Output, StringComparison.Ordinal);

            var detector = await node.Admin.GetFailureDetectorAsync();
            Assert.Equal(12, detector.PhiConvictThreshold);
            Assert.Equal(9, detector.PendingRestore!.Value);
            Assert.InRange(detector.PendingRestore.InMs, 1, 600_000);
            Assert.InRange(detector.PendingRestore.At - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(8), TimeSpan.FromMinutes(10));
            var text = await Gossipctl("failuredetector", "--admin", node.AdminAddress);
            Assert.Matches(@"^Phi convict threshold: 12 \(normal model\); restored to 9 at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(in \d+ min \d+ s\) by the node\n", text.Output);
        }
        finally
        {
            await node.DisposeAsync();
        }

        // In memory only: the restarted node has the configured value and nothing pending.
        await using var restarted = await TestNode.StartAsync(port: port, dataDir: node.DataDir, configure: g => g.Set("gossip.failure-detector.phi-convict-threshold", "9"));
        var after = await restarted.Admin.GetFailureDetectorAsync();
        Assert.Equal(9, after.PhiConvictThreshold);
        Assert.Null(after.PendingRestore);
    }

    private static double MetricThreshold(string metrics)
    {
        var sample = Regex.Match(metrics, @"(?m)^gossipactors_phi_convict_threshold (\S+)$");
        Assert.True(sample.Success, "gossipactors_phi_convict_threshold missing from /metrics");
        return double.Parse(sample.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<(int Code, string Output, string Error)> Gossipctl(params string[] args)
    {
        var options = new GossipctlOptions(() => new HttpClient { Timeout = TimeSpan.FromSeconds(15) });
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await GossipCtl.RunAsync(args, output, error, options);
        return (code, output.ToString(), error.ToString());
    }
}
