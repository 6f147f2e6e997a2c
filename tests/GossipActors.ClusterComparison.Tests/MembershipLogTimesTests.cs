using GossipActors.ClusterComparison.Systems;
using Xunit;

namespace GossipActors.ClusterComparison.Tests;

/// <summary>GossipActors' membership lines timed as they are read, as Akka's and Serf's events are.</summary>
public sealed class MembershipLogTimesTests
{
    private static MemberView View(string[] up, string[] down) => new(new HashSet<string>(up), new HashSet<string>(down), null);

    [Fact]
    public void The_latest_membership_line_times_a_view_that_already_shows_it()
    {
        var times = new MembershipLogTimes();
        times.Observe(1, "2026-12-05 14:32:56.306 info: GossipActors.Hosting[0] 127.0.0.1:19324 is now UP");
        times.Observe(1, "2026-12-05 14:32:57.000 info: GossipActors.Gossip[0] convicting 127.0.0.1:19330: phi 8.14 is above 8");
        Assert.NotNull(times.ChangedAt(1, View(["127.0.0.1:19324"], [])));

        var before = System.Diagnostics.Stopwatch.GetTimestamp();
        times.Observe(1, "2026-12-05 14:33:44.626 info: GossipActors.Hosting[0] 127.0.0.1:19330 is now DOWN (convicted by this node's failure detector)");

        Assert.True(times.ChangedAt(1, View(["127.0.0.1:19324"], ["127.0.0.1:19330"])) >= before);
        // A poll that raced ahead of the log, or behind it, is timed by the poll.
        Assert.Null(times.ChangedAt(1, View(["127.0.0.1:19324", "127.0.0.1:19330"], [])));
        Assert.Null(times.ChangedAt(2, View(["127.0.0.1:19324"], ["127.0.0.1:19330"])));
    }
}
