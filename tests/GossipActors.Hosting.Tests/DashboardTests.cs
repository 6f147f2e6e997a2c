using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using GossipActors.AdminClient.Contract;
using GossipActors.Gossip.Cluster;
using GossipActors.Hosting.Runtime;
using GossipActors.Protocol.Model;
using Xunit;

namespace GossipActors.Hosting.Tests;

public sealed partial class DashboardTests
{
    [Fact]
    public async Task Events_list_a_peers_join_up_and_down_in_order_and_the_dashboard_is_one_self_contained_page()
    {
        await using var seed = await TestNode.StartAsync();
        var second = await TestNode.StartAsync(seed: seed.GossipAddress);
        await TwoNodeCluster.WaitConvergedAsync(seed);
        await second.DisposeAsync();

        var events = await Eventually.ValueAsync(
            async () => JsonSerializer.Deserialize((await AdminHttp.SendAsync(seed.AdminAddress, HttpMethod.Get, AdminRoutes.Events)).Body, AdminJsonContext.Default.EventsResponse)!,
            e => e.Events.Any(x => x.Endpoint == second.GossipAddress && x.Kind == "DOWN"),
            $"{seed.GossipAddress}'s /events showing {second.GossipAddress} DOWN");
        var aboutSecond = events.Events.Where(e => e.Endpoint == second.GossipAddress).Select(e => e.Kind).ToList();
        Assert.Equal(["JOINED", "UP", "DOWN"], aboutSecond.Distinct());
        Assert.Equal(seed.GossipAddress, events.LocalEndpoint);
        Assert.True(events.Events.Zip(events.Events.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence));

        var page = await AdminHttp.SendAsync(seed.AdminAddress, HttpMethod.Get, AdminRoutes.Dashboard);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("text/html", page.MediaType);
        foreach (var route in new[] { AdminRoutes.Status, AdminRoutes.FailureDetector, AdminRoutes.Events, AdminRoutes.DescribeCluster })
        {
            Assert.Contains($"\"{route}\"", page.Body, StringComparison.Ordinal);
        }

        // No CDN, font or script from elsewhere: the page must work on a host with no internet.
        Assert.DoesNotMatch(ExternalResource(), page.Body);
    }

    [Fact]
    public void The_event_log_keeps_the_latest_events_counts_what_it_dropped_and_leaves_out_state_changes()
    {
        var log = new MembershipEventLog(capacity: 2);
        var observer = new EndpointAddress("127.0.0.1", 7000);
        var peer = new EndpointAddress("127.0.0.1", 7001);
        var at = DateTimeOffset.UnixEpoch;
        log.Record(new MemberJoined(observer, peer, at));
        log.Record(new MemberStateChanged(observer, peer, at, "LOAD", "1"));
        log.Record(new MemberUp(observer, peer, at));
        log.Record(new MemberDown(observer, peer, at, "convicted by the failure detector"));

        var (events, dropped) = log.Snapshot();
        Assert.Equal(1, dropped);
        Assert.Equal([(2L, "UP", string.Empty), (3L, "DOWN", "convicted by the failure detector")], events.Select(e => (e.Sequence, e.Kind, e.Detail)));
    }

    [GeneratedRegex(@"(src|href)\s*=\s*[""']?(https?:)?//|@import|url\(\s*[""']?(https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalResource();
}
