using GossipActors.Hosting.Admin;
using Xunit;

namespace GossipActors.Hosting.Tests;

public sealed class TpStatsTests
{
    [Fact]
    public void Rounds_group_drops_include_replaced_exchanges_and_other_groups_only_dead_letters()
    {
        ActorStats[] stats =
        [
            new("/user/gossip/rounds", "RoundsActor", 0, 10, 0),
            new("/user/gossip/rounds/round-7", "RoundActor", 1, 3, 0),
            new("/user/gossip/endpoints/10.0.0.2:7000", "EndpointActor", 0, 5, 0),
        ];
        var deadLetters = new Dictionary<string, long> { ["gossip/rounds"] = 2, ["gossip/endpoints"] = 4 };

        var response = TpStats.Collect(stats, group => TpStats.Dropped(group, deadLetters.GetValueOrDefault(group), "gossip/rounds", exchangesReplaced: 5));

        Assert.Equal(7, response.Groups.Single(g => g.Group == "gossip/rounds").Dropped);
        Assert.Equal(4, response.Groups.Single(g => g.Group == "gossip/endpoints").Dropped);
    }
}
