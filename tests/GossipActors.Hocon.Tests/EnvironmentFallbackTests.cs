using GossipActors.Hocon.Tests.Support;

namespace GossipActors.Hocon.Tests;

/// <summary>Substitutions not found in the configuration fall back to environment variables.</summary>
public sealed class EnvironmentFallbackTests
{
    [Fact]
    public void A_missing_substitution_is_read_from_the_environment_as_a_string()
    {
        var config = HoconConfig.ParseString("home = ${HOME}\nport = ${PORT}\nurl = \"http://\"${HOST}\":\"${PORT}", "t",
            TestConfig.WithEnvironment(("HOME", "/home/op"), ("PORT", "7000"), ("HOST", "node1")));
        Assert.Equal("/home/op", config.GetString("home"));
        Assert.Equal(HoconValueType.String, config.GetValue("port").Type);
        Assert.Equal(7000, config.GetInt("port"));
        Assert.Equal("http://node1:7000", config.GetString("url"));
        Assert.Equal("environment variable HOME", config.GetValue("home").Origin.Description);
    }

    [Fact]
    public void A_setting_in_the_configuration_wins_over_the_environment_even_when_null()
    {
        var environment = TestConfig.WithEnvironment(("HOME", "/home/op"));
        Assert.Equal("/here", HoconConfig.ParseString("HOME = /here\nh = ${HOME}", "t", environment).GetString("h"));
        Assert.Equal(HoconValueType.Null, HoconConfig.ParseString("HOME = null\nh = ${HOME}", "t", environment).GetValue("h").Type);
    }

    [Fact]
    public void Optional_substitutions_override_only_when_the_variable_is_set()
    {
        const string Text = "port = 7000\nport = ${?GOSSIP_PORT}\nempty = x\nempty = ${?EMPTY}";
        var unset = HoconConfig.ParseString(Text, "t", TestConfig.WithEnvironment());
        Assert.Equal(7000, unset.GetInt("port"));

        var set = HoconConfig.ParseString(Text, "t", TestConfig.WithEnvironment(("GOSSIP_PORT", "7100"), ("EMPTY", "")));
        Assert.Equal(7100, set.GetInt("port"));
        Assert.Equal(string.Empty, set.GetString("empty"));
    }

    [Fact]
    public void An_undefined_required_substitution_names_the_variable_that_was_tried()
    {
        var error = TestConfig.Fails("a {\n  b = ${NOT_HERE}\n}", TestConfig.WithEnvironment());
        Assert.Equal(2, error.Line);
        Assert.Equal(7, error.Column);
        Assert.Contains("${NOT_HERE}", error.Reason, StringComparison.Ordinal);
        Assert.Contains("no environment variable NOT_HERE", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_environment_is_not_consulted_when_disabled()
    {
        var error = Assert.Throws<HoconParseException>(() => HoconConfig.ParseString("h = ${HOME}", "t",
            new HoconParseOptions { UseEnvironmentVariables = false, EnvironmentVariables = new Dictionary<string, string> { ["HOME"] = "/x" } }));
        Assert.Contains("${HOME}", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_process_environment_is_the_default_source()
    {
        var name = "GOSSIPACTORS_HOCON_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "from-process");
        try
        {
            Assert.Equal("from-process", HoconConfig.ParseString($"v = ${{{name}}}").GetString("v"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void Self_reference_falls_back_to_the_environment_when_there_is_no_earlier_value()
    {
        var config = HoconConfig.ParseString("PATH = ${PATH}\":/opt/bin\"", "t", TestConfig.WithEnvironment(("PATH", "/bin")));
        Assert.Equal("/bin:/opt/bin", config.GetString("PATH"));
    }
}
