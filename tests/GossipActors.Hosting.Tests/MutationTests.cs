using GossipActors.Cli;
using GossipActors.AdminClient.Contract;
using GossipActors.Cli.Commands;
using Xunit;

namespace GossipActors.Hosting.Tests;

/// <summary>Mutations that change membership, each on its own small cluster.</summary>
public sealed class MutationTests
{
    [Fact]
    public async Task Assassinate_of_a_stopped_peer_bumps_its_generation_and_marks_it_left()
    {
        await using var seed = await TestNode.StartAsync();
        var victim = await TestNode.StartAsync(seed: seed.GossipAddress);
        await TwoNodeCluster.WaitConvergedAsync(seed);
        var before = (await seed.Admin.GetStatusAsync()).Endpoints.Single(e => e.Address == victim.GossipAddress).Generation;
        await victim.DisposeAsync();
        await Eventually.ValueAsync(() => seed.Admin.GetStatusAsync(), s => s.Endpoints.Any(e => e.Address == victim.GossipAddress && e.Status == Liveness.Down), "victim DOWN");

        var result = await Run("assassinate", victim.GossipAddress, "--confirm", "--admin", seed.AdminAddress);

        Assert.Equal(0, result.Code);
        var status = await Eventually.ValueAsync(
            () => seed.Admin.GetStatusAsync(),
            s => s.Endpoints.All(e => e.Address != victim.GossipAddress || e.State == MembershipState.Left),
            "victim LEFT");
        var after = status.Endpoints.SingleOrDefault(e => e.Address == victim.GossipAddress);
        Assert.True(after is null || after.Generation > before, $"generation {after?.Generation} after {before}");
    }

    [Fact]
    public async Task Decommission_announces_left_to_peers_and_stops_the_host()
    {
        await using var seed = await TestNode.StartAsync();
        await using var leaving = await TestNode.StartAsync(seed: seed.GossipAddress);
        await TwoNodeCluster.WaitConvergedAsync(seed);
        await TwoNodeCluster.WaitConvergedAsync(leaving);
        var stopping = new TaskCompletionSource();
        leaving.Host.Services.GetService(typeof(Microsoft.Extensions.Hosting.IHostApplicationLifetime)).As<Microsoft.Extensions.Hosting.IHostApplicationLifetime>()
            .ApplicationStopping.Register(() => stopping.TrySetResult());

        var unconfirmed = await Run("decommission", "--admin", leaving.AdminAddress);
        Assert.Equal(ExitCodes.Usage, unconfirmed.Code);
        var result = await Run("decommission", "--confirm", "--admin", leaving.AdminAddress);

        Assert.Equal(0, result.Code);
        await Eventually.ValueAsync(
            () => seed.Admin.GetStatusAsync(),
            s => s.Endpoints.Any(e => e.Address == leaving.GossipAddress && e.State == MembershipState.Left),
            "the seed seeing the decommissioned node LEFT");
        await stopping.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        var options = new GossipctlOptions(() => new HttpClient { Timeout = TimeSpan.FromSeconds(15) });
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await GossipCtl.RunAsync(args, output, error, options);
        return (code, output.ToString(), error.ToString());
    }
}

internal static class ObjectCasts
{
    public static T As<T>(this object? value) => (T)value!;
}
