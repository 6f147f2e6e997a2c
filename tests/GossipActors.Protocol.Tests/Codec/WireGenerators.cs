using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using GossipActors.Protocol.Codec;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using Microsoft.FSharp.Core;

namespace GossipActors.Protocol.Tests.Codec;

/// <summary>FsCheck generators for every wire message, plus a fixed-seed configuration so runs repeat exactly.</summary>
internal static class WireGenerators
{
    public static Config Deterministic(int maxTest = 300) =>
        Config.QuickThrowOnFailure
            .WithMaxTest(maxTest)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(0x5EED_0006UL, 0x9E37_79B9_7F4A_7C15UL), FSharpOption<int>.None)));

    private static readonly Gen<string> Part = Gen.Elements("", "a", "Ω", "日本", "🙂", "x y", "STATUS", "NORMAL,-123", "\0");

    private static readonly Gen<string> Text = Part.ListOf().Select(parts => string.Concat(parts));

    // Names are capped at 255 UTF-8 bytes by the codec; eight parts stay under it.
    private static readonly Gen<string> Name = Gen.Choose(0, 8).SelectMany(n => Part.ListOf(n)).Select(parts => string.Concat(parts));

    private static readonly Gen<string> NonEmptyText = Text.Select(s => s.Length == 0 ? "k" : s);

    private static readonly Gen<EndpointAddress> Endpoints =
        Gen.Elements("10.0.0.1", "127.0.0.1", "::1", "fe80::1", "node-a.example", "b")
            .Zip(Gen.Choose(1, 65535), (host, port) => new EndpointAddress(host, port));

    private static readonly Gen<int> NonNegative = Gen.Choose(0, int.MaxValue);

    private static readonly Gen<byte[]> Tokens =
        Gen.Choose(0, 255).ArrayOf(WireFormat.KeyringTokenSize).Select(values => values.Select(v => (byte)v).ToArray());

    private static readonly Gen<GossipDigest> Digests =
        Endpoints.Zip(NonNegative.Zip(NonNegative), (e, gv) => new GossipDigest(e, gv.Item1, gv.Item2));

    private static readonly Gen<EndpointState> States =
        NonNegative.Zip(NonNegative, (g, v) => new HeartBeatState(g, v))
            .Zip(
                NonEmptyText.Zip(Text.Zip(NonNegative, (value, version) => new VersionedValue(value, version))).ListOf(),
                (heartbeat, entries) =>
                {
                    var map = ImmutableSortedDictionary.CreateBuilder<string, VersionedValue>(StringComparer.Ordinal);
                    foreach (var (key, value) in entries)
                    {
                        map[key] = value;
                    }

                    return new EndpointState(heartbeat, map.ToImmutable());
                });

    private static readonly Gen<IReadOnlyDictionary<EndpointAddress, EndpointState>> StateMaps =
        Endpoints.Zip(States).ListOf().Select(pairs =>
        {
            var map = new Dictionary<EndpointAddress, EndpointState>();
            foreach (var (endpoint, state) in pairs)
            {
                map[endpoint] = state;
            }

            return (IReadOnlyDictionary<EndpointAddress, EndpointState>)map;
        });

    /// <summary>A clock stamp or none (a protocol 4 peer's message): any Unix ms, negative ones and the extremes too.</summary>
    public static Gen<long?> Stamps { get; } = Gen.Frequency(
        (1, Gen.Constant((long?)null)),
        (3, ArbMap.Default.GeneratorFor<long>().Select(ms => (long?)ms)),
        (1, Gen.Elements<long?>(long.MinValue, long.MaxValue, 0, 1_764_900_000_000)));

    public static Gen<ClockEcho?> Echoes { get; } = Stamps.Zip(Stamps, (a, b) => a is { } ack && b is { } own ? new ClockEcho(ack, own) : (ClockEcho?)null);

    public static Gen<IGossipMessage> GossipMessages { get; } = Gen.OneOf(
        Name.Zip(Digests.ListOf(), (c, d) => (IGossipMessage)new GossipDigestSyn(c, d.ToList())),
        Digests.ListOf().Zip(StateMaps).Zip(Stamps, (rs, stamp) => (IGossipMessage)new GossipDigestAck(rs.Item1.ToList(), rs.Item2, stamp)),
        StateMaps.Zip(Echoes, (s, echo) => (IGossipMessage)new GossipDigestAck2(s, echo)),
        Endpoints.Zip(NonNegative, (e, g) => (IGossipMessage)new GossipShutdown(e, g)),
        ArbMap.Default.GeneratorFor<long>().Select(id => (IGossipMessage)new Echo(id)),
        ArbMap.Default.GeneratorFor<long>().Select(id => (IGossipMessage)new EchoReply(id)),
        NonNegative.Zip(Stamps, (g, stamp) => (IGossipMessage)new GossipHeartbeat(g, stamp)),
        NonNegative.Select(g => (IGossipMessage)new GossipWatch(g)));

    public static Gen<ControlMessage> ControlMessages { get; } = Gen.OneOf(
        Name.Zip(Endpoints.Zip(NonNegative), (c, en) => (c, en))
            .Zip(
                Gen.Choose(0, ushort.MaxValue).Zip(ArbMap.Default.GeneratorFor<bool>()),
                (a, b) => (ControlMessage)new Hello(WireFormat.Magic, WireFormat.ProtocolVersion, a.c, a.en.Item1, new Guid(a.en.Item2, 7, 7, 1, 2, 3, 4, 5, 6, 7, 8), a.en.Item2, a.c + "-dc", b.Item2, b.Item2 ? new Guid(b.Item1, 9, 9, 1, 2, 3, 4, 5, 6, 7, 8) : Guid.Empty)),
        Endpoints.Zip(NonNegative, (e, g) => (ControlMessage)new HelloAccepted(WireFormat.ProtocolVersion, e, new Guid(g, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10), g, "dc1", g % 2 == 1)),
        Gen.Elements(Enum.GetValues<RejectReason>()).Zip(Text, (r, t) => (ControlMessage)new HelloRejected(r, t, t + "x", "because " + t)),
        Gen.Constant((ControlMessage)new KeepAlive()),
        Gen.Choose(0, 20_000).Select(n => (ControlMessage)new PathProbe(n)),
        Text.Select(t => (ControlMessage)new PathReport("peer " + t + ": writes of 8961-byte segments are not acknowledged")),
        Tokens.Zip(ArbMap.Default.GeneratorFor<bool>(), (nonce, enabled) => (ControlMessage)new KeyringOffer(enabled, nonce)),
        Tokens.Zip(Tokens, (nonce, proof) => (ControlMessage)new KeyringChallenge(nonce, proof)),
        Tokens.Select(proof => (ControlMessage)new KeyringProof(proof)),
        Gen.Constant((ControlMessage)new KeyringAccepted()));

    public static bool SameMessage(object expected, object actual) => (expected, actual) switch
    {
        (GossipDigestSyn a, GossipDigestSyn b) => a.ClusterName == b.ClusterName && a.Digests.SequenceEqual(b.Digests),
        (GossipDigestAck a, GossipDigestAck b) => a.Requests.SequenceEqual(b.Requests) && SameStates(a.States, b.States) && a.SentAtMs == b.SentAtMs,
        (GossipDigestAck2 a, GossipDigestAck2 b) => SameStates(a.States, b.States) && a.Clock == b.Clock,
        _ => Equals(expected, actual),
    };

    private static bool SameStates(IReadOnlyDictionary<EndpointAddress, EndpointState> a, IReadOnlyDictionary<EndpointAddress, EndpointState> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var other) && other.Equals(kv.Value));
}
