using GossipActors.Hocon.Tests.Support;

namespace GossipActors.Hocon.Tests;

/// <summary>Typed reads, defaults, layering and the errors a caller sees.</summary>
public sealed class ConfigApiTests
{
    private static readonly Config Sample = TestConfig.Parse("""
        remote {
          hostname = "10.0.0.1"
          port = 7000
          mtu = "1422"
          ratio = 0.75
          compression = none
          keepalive = on
          cleared = null
          timeout = 5s
          limit = 16MiB
          seeds = ["a:7000", "b:7000", 42, true]
          by-index { 1 = second, 0 = first, x = ignored }
        }
        "quoted.key" = yes
        big = 9223372036854775807
        """);

    [Fact]
    public void Typed_reads_convert_the_way_the_spec_recommends()
    {
        Assert.Equal("10.0.0.1", Sample.GetString("remote.hostname"));
        Assert.Equal(7000, Sample.GetInt("remote.port"));
        Assert.Equal(1422, Sample.GetInt("remote.mtu"));
        Assert.Equal(7000L, Sample.GetLong("remote.port"));
        Assert.Equal(long.MaxValue, Sample.GetLong("big"));
        Assert.Equal(0.75, Sample.GetDouble("remote.ratio"));
        Assert.Equal(7000.0, Sample.GetDouble("remote.port"));
        Assert.True(Sample.GetBoolean("remote.keepalive"));
        Assert.True(Sample.GetBoolean("\"quoted.key\""));
        Assert.Equal(TimeSpan.FromSeconds(5), Sample.GetDuration("remote.timeout"));
        Assert.Equal(16L * 1024 * 1024, Sample.GetBytes("remote.limit"));
        Assert.Equal(["a:7000", "b:7000", "42", "true"], Sample.GetStringList("remote.seeds"));
        Assert.Equal(["first", "second"], Sample.GetStringList("remote.by-index"));
        Assert.Equal("7000", Sample.GetString("remote.port"));
    }

    [Fact]
    public void Default_overloads_apply_to_missing_and_null_settings_only()
    {
        Assert.Equal(9, Sample.GetInt("remote.nothing", 9));
        Assert.Equal(9, Sample.GetInt("remote.cleared", 9));
        Assert.Equal(7000, Sample.GetInt("remote.port", 9));
        Assert.Equal("d", Sample.GetString("nowhere.at.all", "d"));
        Assert.Equal(3L, Sample.GetLong("x", 3L));
        Assert.Equal(1.5, Sample.GetDouble("x", 1.5));
        Assert.False(Sample.GetBoolean("x", false));
        Assert.Equal(TimeSpan.FromSeconds(2), Sample.GetDuration("x", TimeSpan.FromSeconds(2)));
        Assert.Equal(10L, Sample.GetBytes("x", 10L));
        Assert.Equal(["z"], Sample.GetStringList("x", ["z"]));
        Assert.Throws<ConfigException>(() => Sample.GetInt("remote.hostname", 9));
        Assert.Throws<ConfigException>(() => Sample.GetInt("remote.port.deeper", 9));
    }

    [Fact]
    public void HasPath_is_false_for_missing_and_null_and_true_for_values_and_objects()
    {
        Assert.True(Sample.HasPath("remote"));
        Assert.True(Sample.HasPath("remote.port"));
        Assert.False(Sample.HasPath("remote.cleared"));
        Assert.False(Sample.HasPath("remote.missing"));
        Assert.False(Sample.HasPath("remote.port.below"));
        Assert.True(Sample.TryGetValue("remote.cleared", out var cleared));
        Assert.Equal(HoconValueType.Null, cleared.Type);
    }

    [Fact]
    public void Wrong_type_reads_name_path_expected_type_and_origin()
    {
        var error = Assert.Throws<ConfigException>(() => Sample.GetInt("remote.hostname"));
        Assert.Equal("remote.hostname", error.Path);
        Assert.Equal("integer", error.ExpectedType);
        Assert.Equal(new HoconOrigin("test", 2, 14), error.Origin);
        Assert.Equal("remote.hostname: expected integer but found the string \"10.0.0.1\", set at test:2:14", error.Message);

        Assert.Contains("found the number 0.75", Assert.Throws<ConfigException>(() => Sample.GetInt("remote.ratio")).Message, StringComparison.Ordinal);
        Assert.Contains("out of the 32-bit range", Assert.Throws<ConfigException>(() => Sample.GetInt("big")).Message, StringComparison.Ordinal);
        Assert.Contains("boolean", Assert.Throws<ConfigException>(() => Sample.GetBoolean("remote.compression")).Message, StringComparison.Ordinal);
        Assert.Contains("remote.seeds[0]", Assert.Throws<ConfigException>(() => Sample.GetIntList("remote.seeds")).Message, StringComparison.Ordinal);
        Assert.Contains("expected list of strings but found the string", Assert.Throws<ConfigException>(() => Sample.GetStringList("remote.hostname")).Message, StringComparison.Ordinal);
        Assert.Contains("is null (set at test:8:", Assert.Throws<ConfigException>(() => Sample.GetString("remote.cleared")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_reads_name_the_nearest_parent_and_suggest_a_close_key()
    {
        var error = Assert.Throws<ConfigException>(() => Sample.GetInt("remote.prot"));
        Assert.Equal("remote.prot: expected integer but there is no setting 'prot' under remote (defined at test:1); did you mean remote.port?", error.Message);
        Assert.Equal(new HoconOrigin("test", 1, 8), error.Origin);

        var notObject = Assert.Throws<ConfigException>(() => Sample.GetString("remote.port.x"));
        Assert.Contains("remote.port is a number (set at test:3:", notObject.Message, StringComparison.Ordinal);

        var top = Assert.Throws<ConfigException>(() => Sample.GetString("remot.port"));
        Assert.Contains("did you mean remote?", top.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetConfig_gives_a_relative_view_of_an_object()
    {
        var remote = Sample.GetConfig("remote");
        Assert.Equal(7000, remote.GetInt("port"));
        Assert.Throws<ConfigException>(() => Sample.GetConfig("remote.port"));
        Assert.Throws<ConfigException>(() => Sample.GetConfig("nothing"));
    }

    [Fact]
    public void Entries_list_every_non_null_leaf_with_a_path_that_reads_back()
    {
        var entries = Sample.Entries.ToDictionary(e => e.Key, e => e.Value);
        Assert.Contains("remote.port", entries.Keys);
        Assert.Contains("\"quoted.key\"", entries.Keys);
        Assert.Contains("remote.by-index.0", entries.Keys);
        Assert.DoesNotContain("remote.cleared", entries.Keys);
        Assert.Equal(HoconValueType.Array, entries["remote.seeds"].Type);
        foreach (var (path, value) in entries)
        {
            Assert.Same(value, Sample.GetValue(path));
        }
    }

    [Fact]
    public void WithFallback_puts_settings_under_and_merges_objects()
    {
        var user = TestConfig.Parse("remote { port = 7100 }\nextra = 1");
        var defaults = TestConfig.Parse("remote { port = 7000, hostname = localhost }\nextra = { a = 1 }\nonly-default = x");
        var merged = user.WithFallback(defaults);
        Assert.Equal(7100, merged.GetInt("remote.port"));
        Assert.Equal("localhost", merged.GetString("remote.hostname"));
        Assert.Equal(1, merged.GetInt("extra"));
        Assert.Equal("x", merged.GetString("only-default"));
        Assert.True(merged.IsResolved);
    }

    [Fact]
    public void Unresolved_configurations_resolve_against_their_fallbacks()
    {
        var user = HoconConfig.ParseString("address = ${host}\":\"${port}", "user", TestConfig.NoEnvironment with { Resolve = false });
        Assert.False(user.IsResolved);
        Assert.Throws<ConfigException>(() => user.GetString("address"));
        Assert.Throws<ConfigException>(() => user.Root);

        var defaults = TestConfig.Parse("host = localhost\nport = 7000");
        var resolved = user.WithFallback(defaults).Resolve();
        Assert.Equal("localhost:7000", resolved.GetString("address"));
        Assert.Same(resolved, resolved.Resolve());
    }

    [Fact]
    public void WithValue_overrides_like_a_last_line()
    {
        var updated = Sample.WithValue("remote.mtu", "1422")
            .WithValue("remote.seeds", "[\"c:7000\"]")
            .WithValue("remote", "{ added = true }")
            .WithValue("copy", "${remote.port}")
            .WithValue("new.deep.key", "hello world");
        Assert.Equal(1422, updated.GetInt("remote.mtu"));
        Assert.Equal(HoconValueType.Number, updated.GetValue("remote.mtu").Type);
        Assert.Equal(["c:7000"], updated.GetStringList("remote.seeds"));
        Assert.True(updated.GetBoolean("remote.added"));
        Assert.Equal(7000, updated.GetInt("remote.port"));
        Assert.Equal(7000, updated.GetInt("copy"));
        Assert.Equal("hello world", updated.GetString("new.deep.key"));
        Assert.Equal("10.0.0.1", Sample.GetString("remote.hostname"));
        Assert.False(Sample.HasPath("copy"));
    }

    [Fact]
    public void WithValue_reports_invalid_text_at_the_named_origin()
    {
        var error = Assert.Throws<HoconParseException>(() => Sample.WithValue("remote.mtu", "[1, 2", "--set remote.mtu"));
        Assert.Equal("--set remote.mtu", error.File);
        Assert.Equal(1, error.Line);
        Assert.Equal(6, error.Column);

        Assert.Throws<HoconParseException>(() => Sample.WithValue("a", ""));
        Assert.Throws<HoconParseException>(() => Sample.WithValue("a", "1 }"));
        Assert.Throws<HoconParseException>(() => Sample.WithValue("a", "${nowhere}"));
        Assert.Throws<ConfigException>(() => Sample.WithValue("a..b", "1"));
    }

    [Fact]
    public void WithValue_on_an_unresolved_configuration_stays_unresolved_until_resolved()
    {
        var user = HoconConfig.ParseString("host = a\naddress = ${host}", "user", TestConfig.NoEnvironment with { Resolve = false });
        var overridden = user.WithValue("host", "b");
        Assert.False(overridden.IsResolved);
        Assert.Equal("b", overridden.Resolve().GetString("address"));
    }

    [Theory]
    [InlineData("a.\"b.c\"", new[] { "a", "b.c" })]
    [InlineData("\"\"", new[] { "" })]
    [InlineData("a.b-c.d_e", new[] { "a", "b-c", "d_e" })]
    [InlineData("1.2", new[] { "1", "2" })]
    [InlineData("gossip.failure-detector.window-size", new[] { "gossip", "failure-detector", "window-size" })]
    [InlineData("a.-b.c_d", new[] { "a", "-b", "c_d" })]
    [InlineData("1e5.true", new[] { "1e5", "true" })]
    [InlineData(" a . b ", new[] { "a ", " b" })]
    public void Paths_parse_and_render_back(string path, string[] keys)
    {
        Assert.Equal(keys, HoconPath.Parse(path));
        Assert.Equal(keys, HoconPath.Parse(HoconPath.Render(keys)));
    }

    [Theory]
    [InlineData("a..b")]
    [InlineData("a.")]
    [InlineData("")]
    [InlineData("a[0]")]
    [InlineData("${a}")]
    [InlineData("-a")]
    [InlineData(".a")]
    public void Invalid_paths_are_config_errors(string path)
    {
        Assert.Throws<ConfigException>(() => Sample.GetString(path));
    }

    [Fact]
    public void ToJson_renders_in_definition_order_with_two_space_indentation()
    {
        var config = TestConfig.Parse("b = 1\na { x = [1, \"two\"], y = {} }\nc = null\nd = \"q\\\"uote\\n\"");
        Assert.Equal("""
            {
              "b": 1,
              "a": {
                "x": [
                  1,
                  "two"
                ],
                "y": {}
              },
              "c": null,
              "d": "q\"uote\n"
            }
            """.ReplaceLineEndings("\n"), config.ToJson());
    }
}
