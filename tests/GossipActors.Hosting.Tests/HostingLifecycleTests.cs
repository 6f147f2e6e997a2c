using Akka.Actor;
using GossipActors.AdminClient.Contract;
using GossipActors.Protocol.Gossip;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Xunit;

namespace GossipActors.Hosting.Tests;

public sealed class HostingLifecycleTests
{
    [Fact]
    public async Task A_hosted_node_starts_with_the_host_serves_admin_and_health_and_stops_with_it()
    {
        await using var node = await TestNode.StartAsync();

        Assert.Equal(node.GossipAddress, node.Cluster.LocalEndpoint.ToString());
        var health = await node.Admin.GetHealthAsync();
        Assert.True(health.Joined, health.Detail);
        Assert.True(health.Converged, health.Detail);

        var report = await node.Host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, report.Status);

        var system = node.Runtime.System;
        await node.StopAsync();
        Assert.True(system.WhenTerminated.IsCompleted, "the actor system stops with the host");
        await Assert.ThrowsAnyAsync<Exception>(() => new HttpClient().GetAsync(new Uri($"http://{node.AdminAddress}/health")));
    }

    [Fact]
    public async Task Resolving_IGossipCluster_from_AddGossipActors_starts_nothing_and_writes_nothing_until_the_host_starts()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "gossip-hosting-unstarted-" + Guid.NewGuid().ToString("N"));
        await using var node = TestNode.Create(dataDir: dataDir);

        var cluster = node.Cluster;

        Assert.Equal(node.GossipAddress, cluster.LocalEndpoint.ToString());
        Assert.False(Directory.Exists(dataDir), "resolving IGossipCluster created the data directory");
        var port = int.Parse(node.GossipAddress.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port))
        {
            probe.Start();
        }

        Assert.Throws<InvalidOperationException>(() => cluster.CurrentSnapshot);

        await node.Host.StartAsync();

        Assert.Single(await cluster.GetMembersAsync());
        Assert.True(File.Exists(Path.Combine(dataDir, "local.json")));
        await node.StopAsync();
        Directory.Delete(dataDir, recursive: true);
    }

    [Fact]
    public async Task Two_hosts_converge_over_tcp_and_a_stopped_host_announces_its_shutdown()
    {
        await using var seed = await TestNode.StartAsync();
        await using var second = await TestNode.StartAsync(seed: seed.GossipAddress);

        var fromSeed = await TwoNodeCluster.WaitConvergedAsync(seed);
        await TwoNodeCluster.WaitConvergedAsync(second);
        Assert.Contains(fromSeed.Endpoints, e => e.Address == second.GossipAddress && e.State == MembershipState.Normal);
        Assert.True(seed.Runtime.Counters.BytesSent > 0 && seed.Runtime.Counters.BytesReceived > 0);

        await second.StopAsync();

        // The announcement marks it DOWN at once; conviction by phi would take far longer than a graceful stop.
        // DOWN with NORMAL can be seen first when load made the seed convict it just before the announcement landed.
        var after = await Eventually.ValueAsync(
            () => seed.Admin.GetStatusAsync(),
            s => s.Endpoints.Any(e => e.Address == second.GossipAddress && e.Status == Liveness.Down && e.State == MembershipState.Shutdown),
            "the seed seeing the stopped node DOWN with state SHUTDOWN");
        Assert.Contains(after.Endpoints, e => e.Address == second.GossipAddress && e.State == MembershipState.Shutdown);

        // A clean stop is not a failure: the seed stays healthy and counts the stopped node apart.
        var health = await seed.Admin.GetHealthAsync();
        Assert.True(health.Converged, health.Detail);
        Assert.Equal("joined; no member peers (1 shut down)", health.Detail);

        // Nor is it one for alerting: /metrics counts it apart from the members that are down.
        using var http = new HttpClient();
        var metrics = await http.GetStringAsync(new Uri($"http://{seed.AdminAddress}/metrics"));
        Assert.Contains("gossipactors_members{status=\"down\"} 0", metrics, StringComparison.Ordinal);
        Assert.Contains("gossipactors_members{status=\"gone\"} 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_decommissioned_node_answers_health_503_saying_it_has_left_and_its_health_check_is_unhealthy()
    {
        await using var node = await TestNode.StartAsync();

        // Straight through IGossipCluster, so the host keeps running and keeps answering after its STATUS is LEFT
        // (the admin route would stop it a few rounds later).
        var decommission = await node.Cluster.DecommissionAsync();
        Assert.True(decommission.Accepted, decommission.Message);

        // LEAVING comes first; LEFT follows a few rounds later.
        var health = await Eventually.ValueAsync(() => node.Admin.GetHealthAsync(), h => !h.Joined, "health saying the node has left");
        using var http = new HttpClient();
        using var answer = await http.GetAsync(new Uri($"http://{node.AdminAddress}/health"));
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        Assert.False(health.Converged);
        Assert.StartsWith($"{node.GossipAddress} has left the cluster (its own STATUS is LEFT: it was decommissioned or assassinated)", health.Detail, StringComparison.Ordinal);
        var report = await node.Host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Unhealthy, report.Status);
    }

    [Fact]
    public async Task An_unreachable_seed_fails_the_host_start_with_the_tcp_diagnosis()
    {
        var deadSeed = $"127.0.0.1:{FreePorts.Next()}";
        await using var node = TestNode.Create(seed: deadSeed, configure: g => g
            .Set("gossip.shadow-round-timeout", "2s")
            .Set("remote.backoff.min", "50ms")
            .Set("remote.backoff.max", "200ms"));

        var error = await Assert.ThrowsAsync<SeedsUnreachableException>(() => node.Host.StartAsync());

        Assert.StartsWith("Unable to gossip with any seeds", error.Message, StringComparison.Ordinal);
        Assert.Contains(deadSeed, error.Message, StringComparison.Ordinal);
        Assert.Contains("connection refused", error.Message, StringComparison.Ordinal);
        Assert.True(node.Runtime.System.WhenTerminated.IsCompleted, "a failed start leaves no actor system running");
    }

    [Fact]
    public async Task A_busy_gossip_port_fails_the_start_naming_the_setting()
    {
        await using var first = await TestNode.StartAsync();
        await using var second = TestNode.Create(port: int.Parse(first.GossipAddress.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture));

        var error = await Assert.ThrowsAsync<IOException>(() => second.Host.StartAsync());

        Assert.Contains("remote.port", error.Message, StringComparison.Ordinal);
        Assert.Contains(first.GossipAddress, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IGossipCluster_is_injectable_and_application_states_from_the_builder_are_gossiped()
    {
        await using var node = await TestNode.StartAsync(configure: g => g.WithApplicationState("zone", "blue"));

        var members = await node.Host.Services.GetRequiredService<Gossip.Cluster.IGossipCluster>().GetMembersAsync();

        var self = Assert.Single(members);
        Assert.Equal("blue", self.Get("zone"));
        Assert.Equal("hosting-tests", node.Runtime.Settings.ClusterName);
        Assert.Equal(Hosting.Runtime.GossipActorsRuntime.SystemName, node.Runtime.System.Name);
    }
}
