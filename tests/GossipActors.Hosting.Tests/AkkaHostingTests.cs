using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Hosting;
using GossipActors.Akka;
using GossipActors.Gossip.Cluster;
using GossipActors.Hocon;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Model;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace GossipActors.Hosting.Tests;

/// <summary>Gossip in an Akka.NET application's own ActorSystem: AddAkka(…WithGossipTransport…WithGossip…) and AddGossipCluster.</summary>
public sealed class AkkaHostingTests
{
    [Fact]
    public async Task IRequiredActor_of_GossiperKey_is_the_gossiper_at_system_gossip_in_the_applications_system()
    {
        await using var node = await AkkaAppNode.StartAsync();

        var gossiper = node.Host.Services.GetRequiredService<IRequiredActor<GossiperKey>>().ActorRef;

        Assert.Equal("/system/gossip", gossiper.Path.ToStringWithoutAddress());
        Assert.Equal(AkkaAppNode.SystemName, gossiper.Path.Address.System);
        Assert.Same(GossipExtension.Get(node.System).Node!.Gossiper, gossiper);
        Assert.Equal($"akka.gtcp://{AkkaAppNode.SystemName}@{node.GossipAddress}", ((ExtendedActorSystem)node.System).Provider.DefaultAddress.ToString());
    }

    [Fact]
    public async Task Resolving_IGossipCluster_starts_nothing_binds_no_port_and_writes_nothing_and_it_works_once_the_host_started()
    {
        await using var node = AkkaAppNode.Create();

        var cluster = node.Cluster;

        Assert.False(Directory.Exists(node.DataDir), "resolving IGossipCluster created the data directory");
        AssertPortFree(node.GossipAddress);
        var notStarted = Assert.Throws<InvalidOperationException>(() => cluster.CurrentSnapshot);
        Assert.Contains("has not started", notStarted.Message, StringComparison.Ordinal);

        await node.StartAsync();

        var self = Assert.Single(await cluster.GetMembersAsync());
        Assert.True(self.IsLocal);
        Assert.Equal(node.GossipAddress, cluster.LocalEndpoint.ToString());
        Assert.True(File.Exists(Path.Combine(node.DataDir, "local.json")), "the started node keeps its identity in its data directory");
    }

    [Fact]
    public async Task Two_applications_with_WithGossip_converge_and_a_stopped_one_announces_its_shutdown()
    {
        await using var seed = await AkkaAppNode.StartAsync();
        await using var second = await AkkaAppNode.StartAsync(seed: seed.GossipAddress);

        foreach (var node in new[] { seed, second })
        {
            await Eventually.ValueAsync(
                () => node.Cluster.GetMembersAsync(),
                members => members.Count == 2 && members.All(m => m.IsUp),
                $"{node.GossipAddress} seeing both applications UP");
        }

        await second.StopAsync();

        // Only the announcement, made in CoordinatedShutdown before remoting closed, says SHUTDOWN; a crash would be convicted DOWN still NORMAL.
        var peer = EndpointAddress.Parse(second.GossipAddress);
        await Eventually.ValueAsync(
            () => seed.Cluster.GetMembersAsync(),
            members => members.Any(m => m.Endpoint == peer && !m.IsUp && m.Status?.StartsWith(EndpointStatus.Shutdown, StringComparison.Ordinal) == true),
            "the seed seeing the stopped application DOWN with STATUS shutdown");
    }

    [Fact]
    public async Task An_unreachable_seed_fails_the_applications_host_start_with_the_per_seed_diagnosis()
    {
        var deadSeed = $"127.0.0.1:{FreePorts.Next()}";
        await using var node = AkkaAppNode.Create(seed: deadSeed, configure: g => g
            .Set("gossip.shadow-round-timeout", "2s")
            .Set("remote.backoff.min", "50ms")
            .Set("remote.backoff.max", "200ms"));

        var error = await Assert.ThrowsAsync<SeedsUnreachableException>(node.StartAsync);

        Assert.StartsWith("Unable to gossip with any seeds", error.Message, StringComparison.Ordinal);
        Assert.Contains(deadSeed, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gossip_settings_reach_the_system_while_the_applications_own_akka_settings_keep_precedence_over_the_gossip_defaults()
    {
        await using var node = AkkaAppNode.Create(
            configure: g => g.Set("gossip.interval", "300ms"),
            beforeGossip: akka => akka.AddHocon("akka.actor.ask-timeout = 7s", HoconAddMode.Prepend));
        await node.StartAsync();

        Assert.Equal(TimeSpan.FromMilliseconds(300), GossipExtension.Get(node.System).Settings.Interval);
        Assert.Equal("akka-hosting-tests", GossipExtension.Get(node.System).Settings.ClusterName);
        // reference.conf says 5s, but as a fallback only.
        Assert.Equal(TimeSpan.FromSeconds(7), node.System.Settings.AskTimeout);
    }

    [Fact]
    public async Task An_invalid_gossip_setting_fails_the_start_naming_the_setting_and_where_it_was_set()
    {
        await using var node = AkkaAppNode.Create(configure: g => g.Set("remote.port", "70000"));

        var error = await Assert.ThrowsAsync<ConfigException>(node.StartAsync);

        Assert.Contains("remote.port", error.Message, StringComparison.Ordinal);
        Assert.Contains("70000", error.Message, StringComparison.Ordinal);
        AssertPortFree(node.GossipAddress);
    }

    [Fact]
    public async Task AddGossipActors_registers_its_gossiper_in_Akka_Hostings_registry_too()
    {
        await using var node = await TestNode.StartAsync();

        var gossiper = node.Host.Services.GetRequiredService<IRequiredActor<GossiperKey>>().ActorRef;

        Assert.Equal($"akka.gtcp://gossip@{node.GossipAddress}/system/gossip", gossiper.Path.ToStringWithAddress(((ExtendedActorSystem)node.Runtime.System).Provider.DefaultAddress));
        Assert.Same(node.Runtime.Node.Gossiper, gossiper);
    }

    private static void AssertPortFree(string address)
    {
        var endpoint = EndpointAddress.Parse(address);
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Parse(endpoint.Host), endpoint.Port));
    }
}
