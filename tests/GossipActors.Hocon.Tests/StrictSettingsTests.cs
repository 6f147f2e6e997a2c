using Microsoft.Extensions.Configuration;

namespace GossipActors.Hocon.Tests;

/// <summary>
/// The pieces strict configuration is built from: unknown keys found against a reference with a suggestion and the
/// place they were set, bounded reads that name the setting, the range and the place, and origins that say which
/// environment variable, command-line switch or --set a value came from.
/// </summary>
public sealed class StrictSettingsTests
{
    private static readonly Config Reference = HoconConfig.ParseString("""
        gossip {
          interval = 1s
          application-states { }
          failure-detector { model = exponential }
        }
        remote { mtu = auto }
        other { anything = 1 }
        """, "reference");

    private static Config Load(string text) => HoconConfig.ParseString(text, "node.conf", new HoconParseOptions { Resolve = false, UseEnvironmentVariables = false })
        .WithFallback(Reference).Resolve();

    [Fact]
    public void A_misspelt_key_is_found_with_the_closest_known_key_and_where_it_was_set()
    {
        var config = Load("gossip {\n  intervall = 2s\n}\nremote.mtuu = 1400\n");

        var unknown = UnknownSettings.Find(config, Reference, ["gossip", "remote"]);

        Assert.Equal(2, unknown.Count);
        Assert.Equal("gossip.intervall is not a known setting (set at node.conf:2:15); did you mean gossip.interval?", unknown[0].Message);
        Assert.Equal("remote.mtuu", unknown[1].Path);
        Assert.Equal("remote.mtu", unknown[1].Suggestion);
        Assert.Equal(new HoconOrigin("node.conf", 4, 15), unknown[1].Origin);
    }

    [Fact]
    public void Nested_sections_are_checked_and_a_key_with_nothing_close_points_to_reference_conf()
    {
        var config = Load("gossip.failure-detector.modle = normal\ngossip.nonexistent = 1");

        var unknown = UnknownSettings.Find(config, Reference, ["gossip"]);

        Assert.Equal("gossip.failure-detector.model", unknown.Single(u => u.Path == "gossip.failure-detector.modle").Suggestion);
        var far = unknown.Single(u => u.Path == "gossip.nonexistent");
        Assert.Null(far.Suggestion);
        Assert.EndsWith("see hocon/reference.conf for every setting", far.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Maps_that_are_empty_in_the_reference_and_sections_not_named_are_not_checked()
    {
        var config = Load("gossip.application-states { role = api, \"any key\" = x }\nother.typo = 1\nmyapp.setting = 2");

        Assert.Empty(UnknownSettings.Find(config, Reference, ["gossip", "remote"]));
    }

    [Fact]
    public void Keys_from_environment_variables_keep_their_spelling_and_name_the_variable()
    {
        Environment.SetEnvironmentVariable("STRICTTEST_REMOTE__MTUU", "1400");
        try
        {
            var environment = new ConfigurationBuilder().AddEnvironmentVariables("STRICTTEST_").Build();
            var config = Reference.WithOverrides(environment);

            var unknown = Assert.Single(UnknownSettings.Find(config, Reference, ["remote"]));

            Assert.Equal("remote.MTUU is not a known setting (set at environment variable STRICTTEST_REMOTE__MTUU); did you mean remote.mtu?", unknown.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable("STRICTTEST_REMOTE__MTUU", null);
        }
    }

    [Fact]
    public void Command_line_switches_are_named_as_switches()
    {
        var commandLine = new ConfigurationBuilder().AddCommandLine(["--gossip:interval=banana"]).Build();
        var config = Reference.WithOverrides(commandLine);

        Assert.Equal("command-line switch --gossip:interval", config.OriginOf("gossip.interval")!.Description);
    }

    [Fact]
    public void A_value_set_on_one_line_is_named_by_its_source_alone()
    {
        var config = Reference.WithValue("gossip.interval", "2h", "--set gossip.interval=2h");

        var error = Assert.Throws<ConfigException>(() => config.GetPositiveDuration("gossip.interval", TimeSpan.FromMinutes(1)));

        Assert.Equal("gossip.interval = 2h is out of range; accepted more than 0 and at most 1m (set at --set gossip.interval=2h)", error.Message);
    }

    [Theory]
    [InlineData("0s")]
    [InlineData("-1s")]
    [InlineData("100d")]
    public void Bounded_durations_name_the_setting_the_range_and_the_line_and_column(string value)
    {
        var config = Load($"gossip {{\n  interval = {value}\n}}");

        var error = Assert.Throws<ConfigException>(() => config.GetPositiveDuration("gossip.interval", TimeSpan.FromMinutes(10)));

        Assert.Equal($"gossip.interval = {value} is out of range; accepted more than 0 and at most 10m (set at node.conf:2:14)", error.Message);
        Assert.Equal("gossip.interval", error.Path);
    }

    [Fact]
    public void Bounded_integers_sizes_and_inclusive_durations()
    {
        var config = Load("a = 11\nb = 1GiB\nc = 0s\nd = 2m");

        Assert.Equal("a = 11 is out of range; accepted 1-10 (set at node.conf:1:5)", Assert.Throws<ConfigException>(() => config.GetIntWithin("a", 1, 10)).Message);
        Assert.Equal("b = 1GiB is out of range; accepted 1KiB-256MiB (set at node.conf:2:5)", Assert.Throws<ConfigException>(() => config.GetBytesWithin("b", 1024, 256 << 20)).Message);
        Assert.Equal(TimeSpan.Zero, config.GetDurationWithin("c", TimeSpan.Zero, TimeSpan.FromMinutes(1)));
        Assert.Equal("d = 2m is out of range; accepted 0-1m (set at node.conf:4:5)", Assert.Throws<ConfigException>(() => config.GetDurationWithin("d", TimeSpan.Zero, TimeSpan.FromMinutes(1))).Message);
        Assert.Equal(7, config.GetIntWithin("a", 1, 11) - 4);
    }

    [Fact]
    public void Problems_are_collected_once_each()
    {
        var config = Load("a = x\nb = y");
        var problems = new SettingProblems();

        problems.Read(() => config.GetInt("a"), 0);
        problems.Read(() => config.GetInt("a"), 0);
        problems.Read(() => config.GetInt("b"), 0);

        Assert.Equal(2, problems.Messages.Count);
        var all = Assert.Throws<ConfigException>(problems.ThrowIfAny);
        Assert.Equal(2, all.Message.Split(Environment.NewLine).Length);
    }
}
