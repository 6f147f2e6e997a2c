using GossipActors.AdminClient.Contract;
using Xunit;

namespace GossipActors.Hosting.Tests;

/// <summary>A seed and a second node hosted in-process that see each other UP over real TCP on loopback.</summary>
public sealed class TwoNodeCluster : IAsyncLifetime
{
    public TestNode Seed { get; private set; } = null!;

    public TestNode Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Seed = await TestNode.StartAsync(configure: g => g.WithApplicationState("zone", "blue").Set("gossip.application-states.SCHEMA", "\"v1\""));
        Second = await TestNode.StartAsync(seed: Seed.GossipAddress, configure: g => g.WithDataCenter("dc2").WithRack("r7"));
        await WaitConvergedAsync(Seed);
        await WaitConvergedAsync(Second);

        // Membership alone is reached by the shadow round; the tests also read the failure detector's view of
        // the peer, so wait until each node has heard a heartbeat through gossip.
        foreach (var node in new[] { Seed, Second })
        {
            await Eventually.ValueAsync(
                () => node.Admin.GetStatusAsync(),
                s => s.Endpoints.Where(e => !e.IsLocal).All(e => e.Phi is not null),
                $"{node.GossipAddress}'s failure detector tracking its peer");
        }
    }

    public async Task DisposeAsync()
    {
        await Second.DisposeAsync();
        await Seed.DisposeAsync();
    }

    public static Task<StatusResponse> WaitConvergedAsync(TestNode node, int expected = 2) =>
        Eventually.ValueAsync(
            () => node.Admin.GetStatusAsync(),
            s => s.Endpoints.Count == expected && s.Endpoints.All(e => e.Status == Liveness.Up),
            $"{node.GossipAddress} seeing {expected} endpoints UP");
}
