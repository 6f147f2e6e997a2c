using GossipActors.Hocon;
using Xunit;

namespace GossipActors.Remote.Tests;

/// <summary>remote.keyring as an operator writes it: keys inline or from the environment, a Serf keyring file, a primary.</summary>
public sealed class KeyringBinderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("keyring-").FullName;

    [Fact]
    public void No_keys_is_no_keyring()
    {
        Assert.Null(RemoteSettingsBinder.Bind(string.Empty).Keyring);
    }

    [Fact]
    public void Keys_come_from_environment_variables_through_hocon_substitution_and_the_first_is_primary()
    {
        var env = new Dictionary<string, string> { ["GOSSIP_KEY"] = TestKeys.K2, ["GOSSIP_OLD_KEY"] = TestKeys.K1 };
        var user = HoconConfig.ParseString(
            "remote.keyring.keys = [${GOSSIP_KEY}, ${GOSSIP_OLD_KEY}]",
            "node.conf",
            new HoconParseOptions { Resolve = false, EnvironmentVariables = env });

        var keyring = RemoteSettingsBinder.Bind(HoconConfig.LoadWithDefaults(user)).Keyring!;

        Assert.Equal([TestKeys.Fingerprint(TestKeys.K2), TestKeys.Fingerprint(TestKeys.K1)], keyring.Fingerprints);
        Assert.Equal(TestKeys.Fingerprint(TestKeys.K2), keyring.PrimaryFingerprint);
    }

    [Fact]
    public void An_optional_environment_variable_that_is_unset_leaves_its_key_out()
    {
        static Config Load(Dictionary<string, string> env) => HoconConfig.LoadWithDefaults(HoconConfig.ParseString(
            "remote.keyring.keys = [${?GOSSIP_KEY}, ${?GOSSIP_NEXT_KEY}]",
            "node.conf",
            new HoconParseOptions { Resolve = false, EnvironmentVariables = env }));

        Assert.Null(RemoteSettingsBinder.Bind(Load([])).Keyring);
        Assert.Equal(1, RemoteSettingsBinder.Bind(Load(new() { ["GOSSIP_KEY"] = TestKeys.K1 })).Keyring!.Count);
        Assert.Equal(2, RemoteSettingsBinder.Bind(Load(new() { ["GOSSIP_KEY"] = TestKeys.K1, ["GOSSIP_NEXT_KEY"] = TestKeys.K2 })).Keyring!.Count);
    }

    [Fact]
    public void A_serf_keyring_file_is_read_first_key_primary_and_primary_may_name_another_by_fingerprint()
    {
        var file = Path.Combine(_directory, "keyring.json");
        File.WriteAllText(file, $"[\"{TestKeys.K1}\", \"{TestKeys.K3}\"]");

        var first = RemoteSettingsBinder.Bind($"remote.keyring.file = \"{file}\"").Keyring!;
        var chosen = RemoteSettingsBinder.Bind($"remote.keyring {{ file = \"{file}\", primary = \"{TestKeys.Fingerprint(TestKeys.K3)}\" }}").Keyring!;

        Assert.Equal(TestKeys.Fingerprint(TestKeys.K1), first.PrimaryFingerprint);
        Assert.Equal(2, first.Count);
        Assert.Equal(TestKeys.Fingerprint(TestKeys.K3), chosen.PrimaryFingerprint);
    }

    [Theory]
    [InlineData("remote.keyring.keys = [\"not base64!\"]", "remote.keyring.keys key 1 is not base64")]
    [InlineData("remote.keyring.keys = [\"AAECAwQ=\"]", "remote.keyring.keys key 1 is 5 bytes; a key is 16, 24 or 32 bytes")]
    [InlineData("remote.keyring.primary = \"abc\"", "remote.keyring.primary is set but there are no keys")]
    [InlineData("remote.keyring.file = \"/nonexistent/keyring.json\"", "remote.keyring.file '/nonexistent/keyring.json' cannot be read")]
    public void A_bad_keyring_setting_is_refused_naming_the_setting_and_where_it_was_set(string hocon, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => RemoteSettingsBinder.Bind(hocon));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("(set at settings built in code", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_primary_that_is_not_installed_is_refused_without_showing_any_key()
    {
        var error = Assert.Throws<ConfigException>(() => RemoteSettingsBinder.Bind(TestKeys.Keyring([TestKeys.K1], primary: TestKeys.K2)));

        Assert.Contains("remote.keyring.primary is neither one of the keys nor the fingerprint of one", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TestKeys.K1, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TestKeys.K2, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_and_a_file_together_are_refused()
    {
        var error = Assert.Throws<ConfigException>(() => RemoteSettingsBinder.Bind($"remote.keyring {{ keys = [\"{TestKeys.K1}\"], file = \"k.json\" }}"));

        Assert.StartsWith("remote.keyring.file and remote.keyring.keys are both set; use one of them", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_keyring_file_that_is_not_a_json_array_of_strings_is_refused_without_quoting_it()
    {
        var file = Path.Combine(_directory, "broken.json");
        File.WriteAllText(file, $"{{ \"key\": \"{TestKeys.K1}\" }}");

        var error = Assert.Throws<ConfigException>(() => RemoteSettingsBinder.Bind($"remote.keyring.file = \"{file}\""));

        Assert.Contains($"remote.keyring.file '{file}' is not a JSON array of base64 keys", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TestKeys.K1, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
