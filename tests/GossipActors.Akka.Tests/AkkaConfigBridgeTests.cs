using Akka.Actor;
using GossipActors.Akka.Configuration;
using GossipActors.Hocon;
using Xunit;

namespace GossipActors.Akka.Tests;

public sealed class AkkaConfigBridgeTests
{
    [Fact]
    public void What_would_overflow_or_be_unsupported_in_Akkas_parser_reaches_Akka_resolved()
    {
        // A self-referencing array and string end Akka's parser with a stack overflow; +=, environment
        // variables and cross-layer substitution are missing there. Ours resolves them; Akka sees the result.
        var ours = HoconConfig.ParseString(
            """
            list = [a]
            list = ${list} [b]
            text = x
            text = ${text}y
            more = [1]
            more += 2
            home = ${?GOSSIP_TEST_HOME}
            """,
            "test.conf",
            new HoconParseOptions { EnvironmentVariables = new Dictionary<string, string> { ["GOSSIP_TEST_HOME"] = "/srv/gossip" } });

        var akka = AkkaConfigBridge.ToAkka(ours);

        Assert.Equal(["a", "b"], akka.GetStringList("list"));
        Assert.Equal("xy", akka.GetString("text"));
        Assert.Equal(["1", "2"], akka.GetStringList("more"));
        Assert.Equal("/srv/gossip", akka.GetString("home"));
    }

    [Fact]
    public void Strings_that_look_like_syntax_survive_both_ways()
    {
        var ours = HoconConfig.ParseString(
            """
            gossip {
              cluster-name = "prod \"eu\" ${not-a-substitution} \\ back"
              "key.with.dots" = "one key"
              seeds = []
              application-states { }
              data-dir = "C:\\data\\gossip"
            }
            """);

        var back = AkkaConfigBridge.FromAkka(AkkaConfigBridge.ToAkka(ours), "gossip");

        Assert.Equal("prod \"eu\" ${not-a-substitution} \\ back", back.GetString("gossip.cluster-name"));
        Assert.Equal("one key", back.GetString("gossip.\"key.with.dots\""));
        Assert.Empty(back.GetStringList("gossip.seeds"));
        Assert.Empty(back.GetObject("gossip.application-states"));
        Assert.Equal("C:\\data\\gossip", back.GetString("gossip.data-dir"));
    }

    [Fact]
    public void Only_the_named_sections_reach_Akka_so_an_applications_own_akka_settings_are_left_alone()
    {
        var ours = HoconConfig.LoadWithDefaults(HoconConfig.ParseString("gossip.interval = 250ms\nremote.port = 7301"));

        var sections = AkkaConfigBridge.ToAkka(ours, "gossip", "remote", "absent");

        Assert.Equal("250ms", sections.GetString("gossip.interval"));
        Assert.Equal(7301, sections.GetInt("remote.port"));
        Assert.False(sections.HasPath("akka"), "reference.conf's akka section would override the application's");
        Assert.False(sections.HasPath("admin"));
        Assert.Throws<ArgumentException>(() => AkkaConfigBridge.ToAkka(ours, "gossip.interval"));
    }

    [Fact]
    public void An_unresolved_configuration_is_refused()
    {
        var unresolved = HoconConfig.ParseString("a = ${b}\nb = 1", options: new HoconParseOptions { Resolve = false });
        Assert.Throws<InvalidOperationException>(() => AkkaConfigBridge.ToAkka(unresolved));
        Assert.Throws<ArgumentException>(() => AkkaConfigBridge.FromAkka(AkkaConfigBridge.ToAkka(HoconConfig.Empty), "gossip.interval"));
    }

    [Fact]
    public void An_invalid_gossip_setting_in_the_system_is_refused_naming_it()
    {
        using var system = ActorSystem.Create("bad", AkkaConfigBridge.ToAkka(HoconConfig.ParseString("gossip.fanout = 0")));

        var error = Assert.ThrowsAny<Exception>(() => GossipExtension.Get(system));

        Assert.Contains("gossip.fanout = 0 is out of range", error.GetBaseException().Message, StringComparison.Ordinal);
    }
}
