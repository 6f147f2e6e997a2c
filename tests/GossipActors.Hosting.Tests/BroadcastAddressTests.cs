using GossipActors.Remote;
using System.Globalization;
using GossipActors.AdminClient.Contract;
using GossipActors.Hocon;
using GossipActors.Hosting.Configuration;
using GossipActors.Protocol.Model;
using Xunit;

namespace GossipActors.Hosting.Tests;

/// <summary>
/// Issue 11: a node listening on a wildcard must be known by its broadcast address (Cassandra's broadcast_address):
/// gossiped, sent in the handshake, used as its identity. Without one, 0.0.0.0 would be gossiped and every peer
/// would dial itself.
/// </summary>
public sealed class BroadcastAddressTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("gossip-broadcast-test-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task A_node_listening_on_0_0_0_0_is_known_by_its_broadcast_address_to_itself_and_to_its_peer()
    {
        var port = FreePorts.Next();
        var broadcast = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}");
        await using var wildcard = await TestNode.StartAsync(
            port: port,
            configure: g => g.ListenOn(string.Create(CultureInfo.InvariantCulture, $"0.0.0.0:{port}")).WithBroadcastAddress("127.0.0.1"));
        await using var peer = await TestNode.StartAsync(seed: broadcast);

        Assert.Equal(broadcast, wildcard.Cluster.LocalEndpoint.ToString());
        Assert.Equal(new EndpointAddress("0.0.0.0", port), wildcard.Runtime.RemoteSettings.ListenAddress);
        var fromPeer = await TwoNodeCluster.WaitConvergedAsync(peer);
        var fromWildcard = await TwoNodeCluster.WaitConvergedAsync(wildcard);
        Assert.Contains(fromPeer.Endpoints, e => e.Address == broadcast && e.Status == Liveness.Up);
        Assert.Contains(fromWildcard.Endpoints, e => e.Address == broadcast && e.IsLocal);

        // The peer learns an inbound connection's address from the handshake only, so once the wildcard node has dialled
        // it, the peer's traffic table shows which address that handshake announced.
        await Eventually.ValueAsync(() => Task.FromResult(wildcard.Runtime.Counters.ConnectionsOpened), n => n > 0, "the wildcard node dialling its peer");
        var peersSeen = peer.Runtime.Counters.Peers.Select(p => p.Peer.ToString()).ToList();
        Assert.Contains(broadcast, peersSeen);
        Assert.DoesNotContain(peersSeen, p => p.StartsWith("0.0.0.0", StringComparison.Ordinal));
        Assert.DoesNotContain(fromPeer.Endpoints, e => e.Address.StartsWith("0.0.0.0", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    public void A_wildcard_listen_address_without_a_broadcast_address_is_refused_naming_both_settings_and_where_set(string host)
    {
        var file = Write("node.conf", $"remote {{\n  hostname = \"{host}\"\n}}\n");

        var error = Assert.Throws<ConfigException>(() => RemoteSettingsBinder.Bind(NodeConfiguration.Load(file, null, []).Config));

        Assert.StartsWith($"remote.hostname (--listen) '{host}' (set at {file}:2", error.Message, StringComparison.Ordinal);
        Assert.Contains("wildcard", error.Message, StringComparison.Ordinal);
        Assert.Contains("remote.broadcast-address (--broadcast-address HOST[:PORT])", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("0.0.0.0:7000")]
    [InlineData("[::]:7000")]
    [InlineData("::")]
    public void A_wildcard_broadcast_address_is_refused(string broadcast)
    {
        var error = Assert.Throws<ConfigException>(() => RemoteSettingsBinder.Bind(NodeConfiguration.Load(
            null, null, new GossipActorsBuilder().ListenOn("0.0.0.0:7000").WithBroadcastAddress(broadcast).Overrides).Config));

        Assert.StartsWith($"remote.broadcast-address (--broadcast-address) '{broadcast}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("wildcard", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.0.0.5", "10.0.0.5:7000")]
    [InlineData("10.0.0.5:9000", "10.0.0.5:9000")]
    [InlineData("node1.example", "node1.example:7000")]
    [InlineData("fd00::5", "[fd00::5]:7000")]
    [InlineData("[fd00::5]", "[fd00::5]:7000")]
    [InlineData("[fd00::5]:9000", "[fd00::5]:9000")]
    public void The_broadcast_address_is_announced_and_the_listen_address_bound(string broadcast, string announced)
    {
        var settings = RemoteSettingsBinder.Bind(NodeConfiguration.Load(
            null, null, new GossipActorsBuilder().ListenOn("[::]:7000").WithBroadcastAddress(broadcast).Overrides).Config);

        Assert.Equal(announced, settings.Address.ToString());
        Assert.Equal(new EndpointAddress("::", 7000), settings.ListenAddress);
    }

    [Fact]
    public void Without_a_broadcast_address_the_listen_address_is_announced_and_bound()
    {
        var settings = RemoteSettingsBinder.Bind(NodeConfiguration.Load(null, null, new GossipActorsBuilder().ListenOn("10.0.0.5:7000").Overrides).Config);

        Assert.Equal(new EndpointAddress("10.0.0.5", 7000), settings.Address);
        Assert.Null(settings.ListenAddress);
    }

    [Fact]
    public void The_builder_rejects_a_broadcast_address_that_is_not_host_and_optional_port()
    {
        var error = Assert.Throws<ArgumentException>(() => new GossipActorsBuilder().WithBroadcastAddress("10.0.0.5:http"));

        Assert.Contains("10.0.0.5:http", error.Message, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }
}
