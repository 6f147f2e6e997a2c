using GossipActors.Protocol.Codec;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using Xunit;

namespace GossipActors.Protocol.Tests.Codec;

/// <summary>
/// Heartbeats and watches as UDP datagrams (protocol 7): what a handshake would have settled travels in each one (the
/// cluster, the sender when the source address does not name it), and anything that is not one of ours is refused with
/// the field and offset.
/// </summary>
public sealed class HeartbeatDatagramTests
{
    private static readonly WireCodec Codec = new(new CodecLimits { MaximumMessageSize = 1 << 20 });
    private static readonly uint Ours = HeartbeatDatagram.ClusterTag("ours");

    [Fact]
    public void A_stamped_heartbeat_from_its_source_address_is_twenty_bytes_and_reads_back()
    {
        var heartbeat = new GossipHeartbeat(1_764_900_000, 1_764_900_000_123);

        var bytes = HeartbeatDatagram.Encode(Codec, Ours, null, heartbeat);

        // Marker, flags, cluster tag, then the stateless heartbeat (2 header bytes, generation, clock).
        Assert.Equal(1 + 1 + 4 + 2 + 4 + 8, bytes.Length);
        Assert.Equal((null, (IGossipMessage)heartbeat), HeartbeatDatagram.Decode(Codec, Ours, bytes));
    }

    [Fact]
    public void A_node_known_by_another_address_names_itself_and_a_watch_keeps_its_datagram_flag()
    {
        var sender = new EndpointAddress("node-7.example", 7000);
        var watch = new GossipWatch(42, Datagrams: true);

        var decoded = HeartbeatDatagram.Decode(Codec, Ours, HeartbeatDatagram.Encode(Codec, Ours, sender, watch));

        Assert.Equal((sender, (IGossipMessage)watch), decoded);
    }

    [Fact]
    public void Another_clusters_datagram_is_refused_naming_the_cluster_name_setting()
    {
        var bytes = HeartbeatDatagram.Encode(Codec, HeartbeatDatagram.ClusterTag("theirs"), null, new GossipHeartbeat(1));

        var error = Assert.Throws<CodecException>(() => HeartbeatDatagram.Decode(Codec, Ours, bytes));

        Assert.Equal("datagram.cluster", error.Field);
        Assert.Contains("gossip.cluster-name", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[0], "datagram.marker")]
    [InlineData(new byte[] { 0x16, 0x03, 0x01 }, "datagram.marker")]
    [InlineData(new byte[] { HeartbeatDatagram.Marker, 0x80 }, "datagram.flags")]
    [InlineData(new byte[] { HeartbeatDatagram.Marker, 0x00, 0x01 }, "datagram.cluster")]
    public void Garbage_is_refused_with_the_field_it_broke(byte[] datagram, string field) =>
        Assert.Equal(field, Assert.Throws<CodecException>(() => HeartbeatDatagram.Decode(Codec, Ours, datagram)).Field);

    [Fact]
    public void A_truncated_heartbeat_is_refused_at_its_offset_in_the_datagram()
    {
        var bytes = HeartbeatDatagram.Encode(Codec, Ours, null, new GossipHeartbeat(9, 1_764_900_000_123));

        var error = Assert.Throws<CodecException>(() => HeartbeatDatagram.Decode(Codec, Ours, bytes.AsSpan(0, 10)));

        Assert.Equal("heartbeat.generation", error.Field);
        Assert.Equal(8, error.Offset);
    }

    [Fact]
    public void Only_heartbeats_and_watches_travel_as_datagrams_and_none_over_the_size_limit_is_read()
    {
        var syn = new GossipDigestSyn("ours", []);
        Assert.Equal("datagram.message", Assert.Throws<CodecException>(() => HeartbeatDatagram.Encode(Codec, Ours, null, syn)).Field);

        var smuggled = HeartbeatDatagram.Encode(Codec, Ours, null, new GossipHeartbeat(1))[..6].Concat(Codec.Encode(syn)).ToArray();
        Assert.Equal("datagram.message", Assert.Throws<CodecException>(() => HeartbeatDatagram.Decode(Codec, Ours, smuggled)).Field);

        var oversized = new byte[HeartbeatDatagram.MaximumSize + 1];
        oversized[0] = HeartbeatDatagram.Marker;
        Assert.Equal("datagram", Assert.Throws<CodecException>(() => HeartbeatDatagram.Decode(Codec, Ours, oversized)).Field);
    }

    [Fact]
    public void A_watch_asking_for_datagrams_reaches_a_protocol_6_peer_without_the_flag_and_a_protocol_7_one_with_it()
    {
        var watch = new GossipWatch(3, Datagrams: true);

        Assert.Equal(Codec.Encode(new GossipWatch(3)), Codec.Encode(ProtocolDowngrade.ForPeer(watch, 6)));
        Assert.Same(watch, ProtocolDowngrade.ForPeer(watch, HeartbeatDatagram.FirstProtocolVersion));
        Assert.Equal(watch, Codec.Decode(Codec.Encode(watch)).Gossip);
        Assert.Equal(new GossipWatch(3), Codec.Decode(Codec.Encode(new GossipWatch(3))).Gossip);

        var badFlag = Codec.Encode(watch);
        badFlag[^1] = 2;
        Assert.Equal("watch.datagrams", Assert.Throws<CodecException>(() => Codec.Decode(badFlag)).Field);
    }
}
