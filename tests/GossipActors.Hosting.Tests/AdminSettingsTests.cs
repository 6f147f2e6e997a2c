using GossipActors.AdminClient.Contract;
using GossipActors.Hocon;
using GossipActors.Hosting.Configuration;
using Xunit;

namespace GossipActors.Hosting.Tests;

/// <summary>admin.token and admin.allowed-hosts: where they come from and what they refuse.</summary>
public sealed class AdminSettingsTests
{
    [Fact]
    public void The_reference_takes_the_token_from_the_environment_variable_gossipctl_reads()
    {
        var withVariable = HoconConfig.ParseString(
            HoconConfig.ReferenceText,
            "reference.conf",
            new HoconParseOptions { EnvironmentVariables = new Dictionary<string, string> { [AdminAuthentication.TokenEnvironmentVariable] = "from-the-environment-01" } });
        var without = HoconConfig.ParseString(HoconConfig.ReferenceText, "reference.conf", new HoconParseOptions { EnvironmentVariables = new Dictionary<string, string>() });

        Assert.Equal("from-the-environment-01", withVariable.GetString("admin.token"));
        Assert.Equal("environment variable GOSSIP_ADMIN_TOKEN", withVariable.GetValue("admin.token").Origin.Description);
        Assert.Equal(string.Empty, without.GetString("admin.token"));
        Assert.Empty(without.GetStringList("admin.allowed-hosts"));
    }

    [Fact]
    public void No_token_is_the_default()
    {
        var settings = Bind();

        Assert.Null(settings.Token);
        Assert.Empty(settings.AllowedHosts);
    }

    [Theory]
    [InlineData("\"short-token\"", "admin.token (set at test) is 11 characters long; use at least 16 (for example openssl rand -hex 32)")]
    [InlineData("\"has a space in it 0123456\"", "admin.token (set at test) holds a space, a control or a non-ASCII character; use visible ASCII only (for example openssl rand -hex 32)")]
    [InlineData("\"t\u00f6ken-with-umlaut-0123456\"", "admin.token (set at test) holds a space, a control or a non-ASCII character; use visible ASCII only (for example openssl rand -hex 32)")]
    public void A_weak_or_unsendable_token_is_refused_naming_the_setting_but_never_showing_it(string value, string message)
    {
        var error = Assert.Throws<ConfigException>(() => Bind(("admin.token", value)));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("http://ops.example")]
    [InlineData("ops.example:7199")]
    [InlineData("ops.example/admin")]
    [InlineData("")]
    public void An_allowed_host_must_be_a_bare_name(string entry)
    {
        var error = Assert.Throws<ConfigException>(() => Bind(("admin.allowed-hosts", $"[\"{entry}\"]")));

        Assert.Equal($"admin.allowed-hosts (set at test): '{entry}' is not a host name or an IP address (write the name alone, without a scheme, a port or a path)", error.Message);
    }

    [Fact]
    public void Allowed_hosts_are_kept_in_the_form_they_are_compared_in()
    {
        var settings = Bind(("admin.allowed-hosts", "[\"Ops.Example.\", \"[fd00::2]\", \"192.0.2.2\"]"));

        Assert.Equal(["ops.example", "fd00::2", "192.0.2.2"], settings.AllowedHosts);
    }

    [Fact]
    public void A_token_matches_only_itself_and_prints_as_a_placeholder()
    {
        var token = Bind(("admin.token", "\"0123456789abcdef\"")).Token!;

        Assert.True(token.Matches("0123456789abcdef"));
        Assert.False(token.Matches("0123456789abcdeF"));
        Assert.False(token.Matches("0123456789abcdef0"));
        Assert.False(token.Matches(string.Empty));
        Assert.False(token.Matches(null));
        Assert.Equal("(admin token set)", token.ToString());
    }

    private static AdminSettings Bind(params (string Path, string Value)[] settings) =>
        AdminSettings.Bind(NodeConfiguration.Load(null, null, [.. settings.Select(s => new ConfigOverride(s.Path, s.Value, "test"))]));
}
