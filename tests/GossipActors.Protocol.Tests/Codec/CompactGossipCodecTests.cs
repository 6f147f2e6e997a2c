using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using GossipActors.Protocol.Codec;
using GossipActors.Protocol.Codec.Compact;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using Xunit;

namespace GossipActors.Protocol.Tests.Codec;

/// <summary>
/// The compact per-connection encoding: every message a connection carries decodes to what was sent, both ends' tables
/// agree after every message, a new connection starts from empty tables on both ends, and whatever a peer sends that
/// does not fit the receiver's table is refused with a <see cref="CodecException"/> naming it, the table untouched.
/// </summary>
public sealed class CompactGossipCodecTests
{
    private static readonly CodecLimits Limits = new() { MaximumMessageSize = 16 * 1024 * 1024 };
    private static readonly WireCodec Codec = new(Limits);

    // A small pool, so endpoints recur across messages and most items are table references with deltas.
    private static readonly Gen<EndpointAddress> Endpoints =
        Gen.Elements("10.0.0.1", "10.0.0.2", "::1", "node-a.example", "日本")
            .Zip(Gen.Choose(7000, 7003), (host, port) => new EndpointAddress(host, port));

    private static readonly Gen<int> Generations = Gen.OneOf(Gen.Choose(1_700_000_000, 1_700_000_003), Gen.Choose(0, int.MaxValue));

    private static readonly Gen<int> Versions = Gen.OneOf(Gen.Choose(0, 40), Gen.Choose(0, int.MaxValue));

    private static readonly Gen<ImmutableSortedDictionary<string, VersionedValue>> ApplicationStates =
        Gen.Elements("STATUS", "LOAD", "SCHEMA", "DC", "k-" + new string('x', 30))
            .Zip(Gen.Elements("", "NORMAL,-1", "UP", "Ω"))
            .Zip(Versions)
            .ListOf()
            .Select(entries =>
            {
                var map = ImmutableSortedDictionary.CreateBuilder<string, VersionedValue>(StringComparer.Ordinal);
                foreach (var ((key, value), version) in entries)
                {
                    map[key] = new VersionedValue(value, version);
                }

                return map.ToImmutable();
            });

    private static readonly Gen<GossipDigest> Digests =
        Endpoints.Zip(Generations.Zip(Versions), (e, gv) => new GossipDigest(e, gv.Item1, gv.Item2));

    private static readonly Gen<IReadOnlyList<GossipDigest>> DigestLists =
        Digests.ListOf().Select(list => (IReadOnlyList<GossipDigest>)list.ToList());

    private static readonly Gen<IReadOnlyDictionary<EndpointAddress, EndpointState>> StateMaps =
        Endpoints.Zip(Generations.Zip(Versions).Zip(Gen.Frequency((3, Gen.Constant(ImmutableSortedDictionary.Create<string, VersionedValue>(StringComparer.Ordinal))), (1, ApplicationStates))))
            .ListOf()
            .Select(items =>
            {
                var list = new EndpointStateList();
                foreach (var (endpoint, ((generation, version), applicationStates)) in items)
                {
                    if (!list.ContainsKey(endpoint))
                    {
                        list.Add(endpoint, new EndpointState(new HeartBeatState(generation, version), applicationStates));
                    }
                }

                return (IReadOnlyDictionary<EndpointAddress, EndpointState>)list;
            });

    private static readonly Gen<IGossipMessage> Messages = Gen.OneOf(
        Gen.Elements("prod", "prod", "other").Zip(DigestLists, (name, digests) => (IGossipMessage)new GossipDigestSyn(name, digests)),
        DigestLists.Zip(StateMaps).Zip(WireGenerators.Stamps, (rs, stamp) => (IGossipMessage)new GossipDigestAck(rs.Item1, rs.Item2, stamp)),
        StateMaps.Zip(WireGenerators.Echoes, (states, echo) => (IGossipMessage)new GossipDigestAck2(states, echo)),
        Generations.Zip(WireGenerators.Stamps, (generation, stamp) => (IGossipMessage)new GossipHeartbeat(generation, stamp)),
        Gen.Constant((IGossipMessage)new Echo(7)));

    /// <summary>A connection's traffic: messages, each with the frame budget the sender had, and reconnects between them.</summary>
    private static readonly Gen<List<(IGossipMessage Message, int Budget, bool ReconnectBefore)>> Traffic =
        Messages.Zip(Gen.Frequency((4, Gen.Constant(1_400)), (1, Gen.Choose(4, 60))))
            .Zip(Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true))))
            .Select(t => (t.Item1.Item1, t.Item1.Item2, t.Item2))
            .ListOf()
            .Select(list => list.ToList());

    [Fact]
    public void Every_message_of_a_connection_decodes_to_what_was_sent_and_both_tables_agree_after_each_across_reconnects()
    {
        var property = Prop.ForAll(Traffic.ToArbitrary(), traffic =>
        {
            var (encoder, decoder) = (new CompactGossipEncoder(Limits), new CompactGossipDecoder());
            foreach (var (message, budget, reconnectBefore) in traffic)
            {
                if (reconnectBefore)
                {
                    // A reconnect is a new connection: both ends start from empty tables.
                    (encoder, decoder) = (new CompactGossipEncoder(Limits), new CompactGossipDecoder());
                }

                var before = Snapshot(encoder.Table);
                var bytes = encoder.TryEncode(message, budget);
                if (bytes is null)
                {
                    // Sent stateless instead: the table must be exactly as before.
                    if (!encoder.Table.SameAs(before))
                    {
                        return false;
                    }

                    bytes = Codec.Encode(message);
                }
                else if (bytes.Length > budget)
                {
                    return false;
                }

                var decoded = Codec.Decode(bytes, decoder).Gossip!;
                if (!SameContent(message, decoded) || !encoder.Table.SameAs(decoder.Table))
                {
                    return false;
                }
            }

            return true;
        });
        Check.One(WireGenerators.Deterministic(500), property);
    }

    [Fact]
    public void A_message_read_against_a_table_that_did_not_carry_its_references_is_refused_never_misread()
    {
        // What a stale index would look like: the sender's table holds entries, the receiver's (a new connection's)
        // does not. The receiver refuses the message, naming the index, and its table stays as it was.
        var property = Prop.ForAll(Traffic.ToArbitrary(), Messages.ToArbitrary(), (history, last) =>
        {
            var encoder = new CompactGossipEncoder(Limits);
            foreach (var (message, _, _) in history)
            {
                encoder.TryEncode(message, 1_400);
            }

            var bytes = encoder.TryEncode(last, 1_400);
            if (bytes is null)
            {
                return true;
            }

            var fresh = new CompactGossipDecoder();
            try
            {
                var decoded = Codec.Decode(bytes, fresh).Gossip!;
                return SameContent(last, decoded);
            }
            catch (CodecException error)
            {
                return fresh.Table.EndpointCount == 0 && fresh.Table.KeyCount == 0 && fresh.Table.ClusterName is null &&
                    (error.Message.Contains("this connection's table holds 0", StringComparison.Ordinal) ||
                     error.Message.Contains("none came on this connection", StringComparison.Ordinal));
            }
        });
        Check.One(WireGenerators.Deterministic(300), property);
    }

    [Fact]
    public void Arbitrary_bytes_after_a_compact_header_are_decoded_or_refused_with_a_codec_error_and_a_refusal_leaves_the_table_as_it_was()
    {
        var property = Prop.ForAll(
            Gen.Choose((int)WireMessageType.CompactSyn, (int)WireMessageType.CompactHeartbeat).Zip(Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf()).ToArbitrary(),
            input =>
            {
                var decoder = new CompactGossipDecoder();
                Codec.Decode(new CompactGossipEncoder(Limits).TryEncode(new GossipDigestSyn("prod", [new GossipDigest(new("10.0.0.1", 7000), 5, 9)]), 1_400)!, decoder);
                var before = Snapshot(decoder.Table);
                byte[] bytes = [WireFormat.FormatVersion, (byte)input.Item1, (byte)decoder.Table.EndpointCount, .. input.Item2];
                try
                {
                    Codec.Decode(bytes, decoder);
                    return true;
                }
                catch (CodecException)
                {
                    return decoder.Table.SameAs(before);
                }
            });
        Check.One(WireGenerators.Deterministic(2_000), property);
    }

    [Fact]
    public void A_bitmap_naming_an_index_beyond_the_table_is_refused_naming_the_index()
    {
        var decoder = new CompactGossipDecoder();
        Codec.Decode(Codec.Encode(new GossipDigestSyn("prod", [new GossipDigest(new("10.0.0.1", 7000), 5, 9)])), decoder);

        // A compact SYN that refers back to the last SYN's cluster name where no compact SYN came yet.
        var noName = Assert.Throws<CodecException>(() => Codec.Decode([WireFormat.FormatVersion, (byte)WireMessageType.CompactSyn, 0, 0, 0], decoder));
        Assert.Contains("none came on this connection", noName.Message, StringComparison.Ordinal);

        var encoder = new CompactGossipEncoder(Limits);
        var first = encoder.TryEncode(new GossipDigestSyn("prod", [new GossipDigest(new("10.0.0.1", 7000), 5, 9)]), 1_400)!;
        Codec.Decode(first, decoder = new CompactGossipDecoder());

        // ACK2 whose bitmap (one byte, bit 3) names endpoint 3 of a one-entry table.
        var error = Assert.Throws<CodecException>(() => Codec.Decode([WireFormat.FormatVersion, (byte)WireMessageType.CompactAck2, 1, 1 << 2, 0b1000], decoder));
        Assert.Equal("ack2.states.bitmap", error.Field);
        Assert.Contains("endpoint index 3 is not in this connection's table (1 endpoints)", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, decoder.Table.EndpointCount);

        // The same message read against another connection's table (one endpoint short): refused, not misread.
        var other = new CompactGossipDecoder();
        var mismatch = Assert.Throws<CodecException>(() => Codec.Decode(encoder.TryEncode(new GossipDigestAck2(new EndpointStateList()), 1_400)!, other));
        Assert.Equal("table-check", mismatch.Field);
        Assert.Contains("written against a table of 1 endpoints (modulo 256) but this connection's table holds 0", mismatch.Message, StringComparison.Ordinal);

        var stray = Assert.Throws<CodecException>(() => Codec.Decode(first));
        Assert.Contains("no compact gossip table", stray.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(6, 19)]
    [InlineData(7, 10)]
    public void A_first_syn_names_each_new_endpoint_in_10_bytes_from_protocol_7_and_19_before(int protocol, int bytesPerEndpoint)
    {
        // Nodes started together: generations seconds apart, each one's versions small.
        var digests = Enumerable.Range(0, 32).Select(i => new GossipDigest(new EndpointAddress("127.0.0.1", 40_000 + i), 1_796_415_319 + (i % 4), 90 + i)).ToList();
        var encoder = new CompactGossipEncoder(Limits) { PeerProtocolVersion = (ushort)protocol };
        var decoder = new CompactGossipDecoder { PeerProtocolVersion = (ushort)protocol };

        var bytes = encoder.TryEncode(new GossipDigestSyn("bench", digests), 1_400)!;

        Assert.Equal(digests, Assert.IsType<GossipDigestSyn>(Codec.Decode(bytes, decoder).Gossip).Digests);
        Assert.True(encoder.Table.SameAs(decoder.Table));
        var header = 2 + 1 + 1 + 6 + 1 + 1; // type, table check, flags, "bench", list head, new count
        var first = protocol >= 7 ? 4 : 0; // the first generation is a delta from 0: five bytes instead of one
        Assert.Equal(header + (32 * bytesPerEndpoint) + first, bytes.Length);
    }

    [Theory]
    [InlineData("node-7.example")]
    [InlineData("::1")]
    [InlineData("010.0.0.1")]
    [InlineData("10.0.0.255")]
    public void A_host_that_is_not_a_dotted_ipv4_address_travels_as_text_and_every_one_reads_back_as_written(string host)
    {
        var endpoint = new EndpointAddress(host, 7000);
        var encoder = new CompactGossipEncoder(Limits);
        var decoder = new CompactGossipDecoder();

        var digests = Assert.IsType<GossipDigestSyn>(Codec.Decode(encoder.TryEncode(new GossipDigestSyn("c", [new GossipDigest(endpoint, 5, 1)]), 1_400)!, decoder).Gossip).Digests;

        Assert.Equal(endpoint, Assert.Single(digests).Endpoint);
    }

    [Fact]
    public void A_steady_state_syn_of_32_endpoints_costs_about_a_byte_per_endpoint()
    {
        var endpoints = Enumerable.Range(0, 32).Select(i => new EndpointAddress("127.0.0.1", 7000 + i)).ToList();
        var encoder = new CompactGossipEncoder(Limits);
        var decoder = new CompactGossipDecoder();
        int Send(int heartbeat) =>
            Codec.Decode(
                encoder.TryEncode(new GossipDigestSyn("bench", endpoints.Select(e => new GossipDigest(e, 1_796_415_319, heartbeat + (e.Port % 5))).ToList()), 1_400)!,
                decoder).Gossip is GossipDigestSyn ? encoder.Table.EndpointCount : -1;

        var full = Codec.Encode(new GossipDigestSyn("bench", endpoints.Select(e => new GossipDigest(e, 1_796_415_319, 100)).ToList())).Length;
        Send(90);
        var steady = encoder.TryEncode(new GossipDigestSyn("bench", endpoints.Select(e => new GossipDigest(e, 1_796_415_319, 100 + (e.Port % 5))).ToList()), 1_400)!;
        Assert.Equal(32, Send(110));
        Assert.True(steady.Length <= 3 + 1 + 1 + 32, $"{steady.Length} bytes");
        Assert.True(full > 20 * steady.Length, $"stateless {full} bytes, compact {steady.Length}");
    }

    [Fact]
    public void A_heartbeat_costs_two_bytes_after_the_first_on_a_connection_and_one_read_on_another_connection_is_refused()
    {
        var (encoder, decoder) = (new CompactGossipEncoder(Limits), new CompactGossipDecoder());
        var first = encoder.TryEncode(new GossipHeartbeat(1_796_415_319), 1_400)!;
        var second = encoder.TryEncode(new GossipHeartbeat(1_796_415_319), 1_400)!;
        Assert.Equal(new GossipHeartbeat(1_796_415_319), Codec.Decode(first, decoder).Gossip);
        Assert.Equal(new GossipHeartbeat(1_796_415_319), Codec.Decode(second, decoder).Gossip);
        Assert.Equal(2, second.Length);
        Assert.True(first.Length <= Codec.Encode(new GossipHeartbeat(1_796_415_319)).Length + 1, $"{first.Length} bytes");

        // "As before" means something only on its own connection: a new connection's decoder refuses it, never guesses.
        var stale = Assert.Throws<CodecException>(() => Codec.Decode(second, new CompactGossipDecoder()));
        Assert.Equal("heartbeat.generation", stale.Field);
        Assert.Contains("none came on this connection", stale.Message, StringComparison.Ordinal);
    }

    private static CompactGossipTable Snapshot(CompactGossipTable table)
    {
        // Rebuilds an equal table through the public API: entries, keys and cluster name in order.
        var copy = new CompactGossipTable();
        for (var i = 0; i < table.EndpointCount; i++)
        {
            copy.Add(table.EndpointAt(i), table.GenerationAt(i), table.VersionAt(i));
        }

        for (var i = 0; i < table.KeyCount; i++)
        {
            copy.AddKey(table.KeyAt(i));
        }

        if (table.ClusterName is { } name)
        {
            copy.CarryClusterName(name);
        }

        copy.HeartbeatGeneration = table.HeartbeatGeneration;
        copy.HeartbeatStampMs = table.HeartbeatStampMs;
        return copy;
    }

    /// <summary>The same message; lists compare as multisets, since the compact form sends known endpoints in table order.</summary>
    private static bool SameContent(IGossipMessage sent, IGossipMessage received) => (sent, received) switch
    {
        (GossipDigestSyn a, GossipDigestSyn b) => a.ClusterName == b.ClusterName && SameDigests(a.Digests, b.Digests),
        (GossipDigestAck a, GossipDigestAck b) => SameDigests(a.Requests, b.Requests) && SameStates(a.States, b.States) && a.SentAtMs == b.SentAtMs,
        (GossipDigestAck2 a, GossipDigestAck2 b) => SameStates(a.States, b.States) && a.Clock == b.Clock,
        _ => Equals(sent, received),
    };

    private static bool SameDigests(IReadOnlyList<GossipDigest> a, IReadOnlyList<GossipDigest> b) =>
        a.Count == b.Count && a.OrderBy(d => d.Endpoint).ThenBy(d => d.Generation).ThenBy(d => d.MaxVersion)
            .SequenceEqual(b.OrderBy(d => d.Endpoint).ThenBy(d => d.Generation).ThenBy(d => d.MaxVersion));

    private static bool SameStates(IReadOnlyDictionary<EndpointAddress, EndpointState> a, IReadOnlyDictionary<EndpointAddress, EndpointState> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var other) && other.Equals(kv.Value));
}
