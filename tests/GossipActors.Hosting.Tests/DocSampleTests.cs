using GossipActors.Gossip.Cluster;
using GossipActors.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace GossipActors.Hosting.Tests;

/// <summary>The code sample of docs/hosting.md, compiled and run so the page cannot rot.</summary>
public sealed class DocSampleTests
{
    [Fact]
    public async Task The_documented_host_starts_joins_and_stops()
    {
        var listen = $"127.0.0.1:{FreePorts.Next()}";
        var dataDir = Directory.CreateTempSubdirectory("gossip-doc-sample-").FullName;

        // --- docs/hosting.md sample (begin)
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddGossipActors(gossip => gossip
            .ListenOn(listen)                          // remote.hostname / remote.port
            .WithSeeds(listen)                         // gossip.seeds: a seed that lists itself starts a cluster
            .WithDataDir(dataDir)                      // gossip.data-dir: host id, generation, peers
            .WithAdmin("127.0.0.1:0")                  // admin endpoint (port 0: any free port)
            .WithDataCenter("dc1").WithRack("rack1")
            .WithApplicationState("role", "api")       // like a Serf tag
            .Set("remote.mtu", "1422"));               // any HOCON path
        using var host = builder.Build();
        await host.StartAsync();                       // throws SeedsUnreachableException with the per-seed diagnosis

        var cluster = host.Services.GetRequiredService<IGossipCluster>();
        using var subscription = cluster.Subscribe(e => Console.WriteLine(e));
        var members = await cluster.GetMembersAsync();
        await host.StopAsync();                        // announces the shutdown to live peers
        // --- docs/hosting.md sample (end)

        Assert.Equal("api", Assert.Single(members).Get("role"));
    }
}
