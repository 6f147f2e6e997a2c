using Akka.Actor;
using GossipActors.Akka.Configuration;
using GossipActors.Akka.Serialization;
using GossipActors.Gossip.Actors;
using GossipActors.Hocon;
using GossipActors.Protocol.Messages;
using Xunit;

namespace GossipActors.Akka.Tests;

public sealed class GossipExtensionTests() : global::Akka.TestKit.Xunit2.TestKit(AkkaConfigBridge.ToAkka(HoconConfig.ParseString("""
    gossip { interval = 250ms, cluster-name = "prod \"eu\" ${not-a-substitution}", seeds = ["10.0.0.1:7000"] }
    remote.maximum-message-size = 2MiB
    """)))
{
    [Fact]
    public void One_extension_per_system_with_settings_from_the_system_over_reference_conf()
    {
        var gossip = GossipExtension.Get(Sys);

        Assert.Same(gossip, GossipExtension.Get(Sys));
        Assert.Equal(TimeSpan.FromMilliseconds(250), gossip.Settings.Interval);
        Assert.Equal("prod \"eu\" ${not-a-substitution}", gossip.Settings.ClusterName);
        Assert.Equal("10.0.0.1:7000", Assert.Single(gossip.Settings.Seeds).ToString());
        // Defaults come from the embedded reference.conf, and "auto" follows the other settings as it does from a file:
        // the initial interval gossip.interval, the evaluations (with the default direct heartbeats) heartbeat-interval.
        Assert.Equal(TimeSpan.FromSeconds(2), gossip.Settings.RoundTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(100), gossip.Settings.FailureDetector.EvaluationInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(500), gossip.Settings.FailureDetector.InitialInterval);
        Assert.Equal(2 * 1024 * 1024, gossip.CodecLimits.MaximumMessageSize);
        // The reference configuration is the system's fallback too, for anything that reads Akka's configuration.
        Assert.Equal("2s", Sys.Settings.Config.GetString("gossip.round-timeout"));
    }

    [Fact]
    public void Gossip_messages_and_envelopes_are_serialized_by_the_protocol_codec()
    {
        GossipExtension.Get(Sys);
        var serialization = Sys.Serialization;
        var envelope = new GossipEnvelope(Protocol.Model.EndpointAddress.Parse("10.0.0.1:7000"), Protocol.Model.EndpointAddress.Parse("[::1]:7001"), new Echo(42));

        Assert.IsType<GossipSerializer>(serialization.FindSerializerFor(envelope));
        Assert.IsType<GossipSerializer>(serialization.FindSerializerFor(new GossipShutdown(envelope.From, 7)));
        var serializer = (GossipSerializer)serialization.FindSerializerFor(envelope);
        Assert.Equal(envelope, serializer.FromBinary(serializer.ToBinary(envelope), serializer.Manifest(envelope)));
        Assert.Equal(new EchoReply(9), serializer.FromBinary(serializer.ToBinary(new EchoReply(9)), "echo-reply"));
    }

    [Fact]
    public void Reference_conf_names_the_gossip_mailbox_for_the_tree()
    {
        GossipExtension.Get(Sys);

        Assert.IsType<GossipMailbox>(Sys.Mailboxes.Lookup(GossiperRuntime.MailboxKey));
    }
}
