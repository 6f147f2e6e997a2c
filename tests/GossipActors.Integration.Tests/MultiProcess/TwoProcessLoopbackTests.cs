using GossipActors.Integration.Tests.Processes;
using Xunit;
using Xunit.Abstractions;

namespace GossipActors.Integration.Tests.MultiProcess;

/// <summary>Issue 6 item 7: two node processes over the TCP transport on loopback converge and exchange application state.</summary>
[Collection(MultiProcessCollection.Name)]
public sealed class TwoProcessLoopbackTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Two_processes_converge_over_tcp_and_an_application_state_set_on_one_is_in_the_others_gossipinfo()
    {
        using var cluster = new LoopbackCluster(2, output, index => index == 2 ? ["--app-state", "zone=blue-7"] : []);
        await cluster.StartConvergedAsync(Generous);

        var (seed, other) = (cluster.Nodes[0], cluster.Nodes[1]);
        var zone = await Deadline.PollAsync(Generous, async () =>
            (await seed.GossipInfoAsync())?.Endpoints
                .FirstOrDefault(e => e.Address == other.GossipAddress)?.ApplicationStates
                .FirstOrDefault(s => s.Name == "zone"));
        Assert.True(zone is not null, $"{seed.GossipAddress}'s /gossipinfo never showed {other.GossipAddress}'s zone\n{cluster.Tails()}");
        Assert.Equal("blue-7", zone.Value);

        // Nobody set it on the seed: the state belongs to the endpoint that published it.
        var seedOwn = (await seed.GossipInfoAsync())!.Endpoints.Single(e => e.Address == seed.GossipAddress);
        Assert.DoesNotContain(seedOwn.ApplicationStates, s => s.Name == "zone");
    }
}
