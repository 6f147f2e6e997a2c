using System.Collections.Immutable;
using System.Runtime.Serialization;
using GossipActors.Akka.Serialization;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using Xunit;

namespace GossipActors.Akka.Tests;

public sealed class GossipSerializerTests : global::Akka.TestKit.Xunit2.TestKit
{
    private static readonly EndpointAddress A = EndpointAddress.Parse("10.0.0.1:7000");
    private static readonly EndpointAddress B = EndpointAddress.Parse("10.0.0.2:7000");

    public static TheoryData<IGossipMessage> Messages()
    {
        var state = EndpointState.Create(new HeartBeatState(1_700_000_000, 12)).With("STATUS", new VersionedValue("NORMAL", 3));
        var states = new Dictionary<EndpointAddress, EndpointState> { [A] = state };
        return new TheoryData<IGossipMessage>
        {
            new GossipDigestSyn("prod", [new GossipDigest(A, 1_700_000_000, 12)]),
            new GossipDigestSyn("prod", []),
            new GossipDigestAck([new GossipDigest(B, 5, 0)], states),
            new GossipDigestAck2(states),
            new GossipShutdown(A, 1_700_000_000),
            new Echo(1),
            new EchoReply(long.MaxValue),
        };
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Every_message_round_trips_in_and_out_of_an_envelope(IGossipMessage message)
    {
        var serializer = GossipExtension.Get(Sys).Serializer;

        var bare = serializer.FromBinary(serializer.ToBinary(message), serializer.Manifest(message));
        var envelope = new GossipEnvelope(A, B, message);
        var wrapped = (GossipEnvelope)serializer.FromBinary(serializer.ToBinary(envelope), serializer.Manifest(envelope));

        Assert.Equal(Normalize(message), Normalize((IGossipMessage)bare));
        Assert.Equal((A, B), (wrapped.From, wrapped.To));
        Assert.Equal(Normalize(message), Normalize(wrapped.Message));
    }

    [Fact]
    public void Malformed_bytes_are_refused_with_the_field_named()
    {
        var serializer = GossipExtension.Get(Sys).Serializer;
        var syn = serializer.ToBinary(new GossipDigestSyn("prod", [new GossipDigest(A, 1, 2)]));

        var truncated = Assert.Throws<SerializationException>(() => serializer.FromBinary(syn[..(syn.Length - 3)], "syn"));
        Assert.StartsWith("malformed gossip syn", truncated.Message, StringComparison.Ordinal);
        var envelope = Assert.Throws<SerializationException>(() => serializer.FromBinary([0, 200, 1, 2], "envelope"));
        Assert.Contains("envelope.from declares 200 bytes but 2 remain", envelope.Message, StringComparison.Ordinal);
        var wrongKind = Assert.Throws<SerializationException>(() => serializer.FromBinary(syn, "ack"));
        Assert.Contains("the bytes hold a syn", wrongKind.Message, StringComparison.Ordinal);
        Assert.Throws<SerializationException>(() => serializer.FromBinary(syn, "no-such-thing"));
    }

    [Fact]
    public void Messages_over_the_configured_maximum_are_refused_when_encoded()
    {
        var serializer = GossipExtension.Get(Sys).Serializer;
        var huge = EndpointState.Create(new HeartBeatState(1, 1)).With("BLOB", new VersionedValue(new string('x', 17 * 1024 * 1024), 1));

        Assert.ThrowsAny<Exception>(() => serializer.ToBinary(new GossipDigestAck2(new Dictionary<EndpointAddress, EndpointState> { [A] = huge })));
    }

    // Records with collection members compare by reference; compare their codec form instead.
    private string Normalize(IGossipMessage message) =>
        Convert.ToBase64String(GossipExtension.Get(Sys).Serializer.ToBinary(message));
}
