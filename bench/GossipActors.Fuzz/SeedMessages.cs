using System.Buffers;
using System.Collections.Immutable;
using GossipActors.Protocol.Codec;
using GossipActors.Protocol.Framing;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using GossipActors.Remote.Connections;

namespace GossipActors.Fuzz;

/// <summary>
/// The seed corpus: one valid instance of every message, made by the real encoder and framer, so afl-fuzz starts
/// from inputs that pass every check and mutates its way into the corners. Small on purpose: afl-fuzz favours
/// short inputs, and each seed needs only to reach its message's decoder.
/// </summary>
internal static class SeedMessages
{
    private static readonly EndpointAddress NodeA = new("10.0.0.1", 7000);
    private static readonly EndpointAddress NodeB = new("node-b.example", 7001);
    private static readonly Guid HostId = new("5f0c6c1e-3b7a-4d39-9a51-0d1f2b3c4d5e");

    public static IEnumerable<(string Name, byte[] Bytes)> Encoded(WireCodec codec)
    {
        yield return ("syn", codec.Encode(new GossipDigestSyn(FuzzSettings.Node.ClusterName, [new GossipDigest(NodeA, 3, 12), new GossipDigest(NodeB, 1, 0)])));
        yield return ("ack", codec.Encode(new GossipDigestAck([new GossipDigest(NodeB, 1, 4)], States(2))));
        yield return ("ack2", codec.Encode(new GossipDigestAck2(States(3))));
        yield return ("ack-stamped", codec.Encode(new GossipDigestAck([new GossipDigest(NodeB, 1, 4)], States(2), SentAtMs: 1_764_900_000_123)));
        yield return ("ack2-stamped", codec.Encode(new GossipDigestAck2(States(3), new ClockEcho(1_764_900_000_123, 1_764_900_000_007))));
        yield return ("shutdown", codec.Encode(new GossipShutdown(NodeA, 3)));
        yield return ("echo", codec.Encode(new Echo(42)));
        yield return ("echo-reply", codec.Encode(new EchoReply(42)));
        yield return ("heartbeat", codec.Encode(new GossipHeartbeat(3)));
        yield return ("heartbeat-stamped", codec.Encode(new GossipHeartbeat(3, 1_764_900_000_123)));
        yield return ("watch", codec.Encode(new GossipWatch(3)));
        yield return ("keep-alive", codec.Encode(new KeepAlive()));
        yield return ("path-probe", codec.Encode(new PathProbe(8)));
        yield return ("path-report", codec.Encode(new PathReport("writes of 1400 bytes stall; 1200 pass")));
        yield return ("payload", codec.EncodePayload("akka-pdu"u8, sequence: 7));
        foreach (var handshake in Handshakes(codec))
        {
            yield return handshake;
        }
    }

    public static IEnumerable<(string Name, byte[] Bytes)> Handshakes(WireCodec codec)
    {
        var hello = new Hello(
            WireFormat.Magic, WireFormat.ProtocolVersion, FuzzSettings.Node.ClusterName, NodeA, HostId, 3, "dc1", TlsEnabled: false, LinkId: HostId);
        yield return ("hello", codec.Encode(hello));
        yield return ("hello-other-cluster", codec.Encode(hello with { ClusterName = "other" }));
        yield return ("hello-old-protocol", codec.Encode(hello with { ProtocolVersion = 1 }));
        yield return ("hello-tls", codec.Encode(hello with { TlsEnabled = true, LinkId = Guid.Empty }));
        yield return ("hello-accepted", codec.Encode(new HelloAccepted(WireFormat.ProtocolVersion, NodeB, HostId, 1, "dc2", Resumed: true)));
        yield return ("hello-rejected", codec.Encode(new HelloRejected(RejectReason.ClusterNameMismatch, "ours", "theirs", "cluster names differ")));
        var token = Enumerable.Range(0, WireFormat.KeyringTokenSize).Select(i => (byte)i).ToArray();
        yield return ("keyring-offer", codec.Encode(new KeyringOffer(true, token)));
        yield return ("keyring-offer-none", codec.Encode(new KeyringOffer(false, token)));
        yield return ("keyring-challenge", codec.Encode(new KeyringChallenge(token, token)));
        yield return ("keyring-proof", codec.Encode(new KeyringProof(token)));
        yield return ("keyring-accepted", codec.Encode(new KeyringAccepted()));
        yield return ("keyring-rejected", codec.Encode(Remote.Connections.HandshakePolicy.NoSharedKey()));
    }

    /// <summary>
    /// Byte streams as a connection receives them, first byte the read size the target feeds them in: the
    /// handshake then gossip, a message cut into several frames interleaved with a small one, a compressed one.
    /// </summary>
    public static IEnumerable<(string Name, byte[] Bytes)> Framed(WireCodec codec, int mtu)
    {
        var messages = Encoded(codec).ToDictionary(seed => seed.Name, seed => seed.Bytes);
        yield return ("stream-handshake-then-syn", Stream(mtu, 0, (messages["hello"], false), (messages["syn"], false), (messages["payload"], false)));
        yield return ("stream-small-reads", Stream(mtu, 5, (messages["hello-accepted"], false), (messages["ack"], false)));

        var large = codec.Encode(new GossipDigestAck2(States(12, valueLength: 80)));
        yield return ("stream-interleaved", Stream(FrameFormat.MinimumMtu, 0, (large, false), (messages["echo"], false)));

        var compressed = MessageCompressor.TryCompress(large) ?? throw new InvalidOperationException("the large seed does not compress");
        yield return ("stream-compressed", Stream(mtu, 0, (compressed, true)));
    }

    private static byte[] Stream(int mtu, byte readSize, params (byte[] Message, bool Compressed)[] messages)
    {
        var scheduler = new FrameScheduler(FrameFormat.MaximumFrameSize(mtu, ipv6: false));
        foreach (var (message, compressed) in messages)
        {
            scheduler.Enqueue(message, scheduler.Classify(message.Length, control: false), compressed);
        }

        var output = new ArrayBufferWriter<byte>();
        output.Write([readSize]);
        while (scheduler.TryWriteNextFrame(output))
        {
        }

        return output.WrittenSpan.ToArray();
    }

    private static ImmutableSortedDictionary<EndpointAddress, EndpointState> States(int count, int valueLength = 4)
    {
        var states = ImmutableSortedDictionary.CreateBuilder<EndpointAddress, EndpointState>();
        for (var i = 0; i < count; i++)
        {
            var applicationStates = ImmutableSortedDictionary.CreateBuilder<string, VersionedValue>(StringComparer.Ordinal);
            applicationStates.Add("STATUS", new VersionedValue("NORMAL", 2));
            applicationStates.Add("DC", new VersionedValue(new string('d', valueLength), 1));
            states.Add(new EndpointAddress($"10.0.1.{i + 1}", 7000), new EndpointState(new HeartBeatState(i + 1, 10 * i), applicationStates.ToImmutable()));
        }

        return states.ToImmutable();
    }
}
