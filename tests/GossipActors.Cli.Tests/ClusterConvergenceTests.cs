using GossipActors.AdminClient.Contract;
using GossipActors.AdminClient.Convergence;
using Xunit;

namespace GossipActors.Cli.Tests;

public sealed class ClusterConvergenceTests
{
    private static readonly string[] Members = ["127.0.0.1:7000", "127.0.0.1:7002", "127.0.0.1:7004"];

    private static StatusResponse View(string self, params (string Address, Liveness Liveness)[] endpoints) =>
        new("local", self, [.. endpoints.Select(e => new EndpointStatus(e.Address, e.Liveness, MembershipState.Normal, "dc1", "r1", "h", 0, 0, 1, 1, e.Address == self))]);

    private static NodeView Everyone(string self) =>
        NodeView.Answered(self, View(self, [.. Members.Select(m => (m, Liveness.Up))]));

    [Fact]
    public void Converged_when_every_node_sees_every_member_up()
    {
        var report = ClusterConvergence.Evaluate(Members, Members.Select(Everyone));

        Assert.True(report.Converged);
        Assert.Equal(3, report.NodesSeeingEveryone);
    }

    [Fact]
    public void A_node_missing_a_member_or_seeing_it_down_prevents_convergence_and_is_described()
    {
        NodeView[] views =
        [
            Everyone("127.0.0.1:7000"),
            NodeView.Answered("127.0.0.1:7002", View("127.0.0.1:7002", ("127.0.0.1:7000", Liveness.Up), ("127.0.0.1:7002", Liveness.Up), ("127.0.0.1:7004", Liveness.Down))),
            NodeView.Answered("127.0.0.1:7004", View("127.0.0.1:7004", ("127.0.0.1:7004", Liveness.Up))),
        ];

        var report = ClusterConvergence.Evaluate(Members, views);

        Assert.False(report.Converged);
        Assert.Equal(
            "  127.0.0.1:7000: sees 3/3 UP\n" +
            "  127.0.0.1:7002: sees 2/3 UP; not UP: 127.0.0.1:7004 (DN)\n" +
            "  127.0.0.1:7004: sees 1/3 UP; not UP: 127.0.0.1:7000 (unknown), 127.0.0.1:7002 (unknown)\n",
            report.Describe());
    }

    [Fact]
    public void An_unreachable_node_prevents_convergence_with_its_reason()
    {
        var views = new[] { Everyone("127.0.0.1:7000"), Everyone("127.0.0.1:7002"), NodeView.Failed("127.0.0.1:7004", "cannot reach admin endpoint 127.0.0.1:7005: connection refused") };

        var report = ClusterConvergence.Evaluate(Members, views);

        Assert.False(report.Converged);
        Assert.Contains("127.0.0.1:7004: cannot reach admin endpoint 127.0.0.1:7005: connection refused", report.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void No_views_is_not_convergence()
    {
        Assert.False(ClusterConvergence.Evaluate(Members, []).Converged);
    }

    [Fact]
    public void Sees_down_only_when_listed_as_down()
    {
        var status = View("127.0.0.1:7000", ("127.0.0.1:7000", Liveness.Up), ("127.0.0.1:7004", Liveness.Down));

        Assert.True(ClusterConvergence.SeesDown(status, "127.0.0.1:7004"));
        Assert.False(ClusterConvergence.SeesDown(status, "127.0.0.1:7000"));
        Assert.False(ClusterConvergence.SeesDown(status, "127.0.0.1:7002"));
    }
}
