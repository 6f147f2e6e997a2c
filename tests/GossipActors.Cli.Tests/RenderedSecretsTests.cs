using GossipActors.AdminClient.Contract;
using GossipActors.Cli.Commands;
using GossipActors.Hocon;
using Xunit;

namespace GossipActors.Cli.Tests;

/// <summary>config render never copies the admin token an operator keeps in GOSSIP_ADMIN_TOKEN into its output.</summary>
public sealed class RenderedSecretsTests
{
    [Fact]
    public void A_token_from_the_environment_is_rendered_as_a_placeholder()
    {
        var environment = new Dictionary<string, string> { [AdminAuthentication.TokenEnvironmentVariable] = "ambient-secret-0123456789" };
        var reference = HoconConfig.ParseString(HoconConfig.ReferenceText, "reference.conf", new HoconParseOptions { EnvironmentVariables = environment });

        var rendered = RenderedSecrets.Hide(reference).ToJson();

        Assert.DoesNotContain("ambient-secret-0123456789", rendered, StringComparison.Ordinal);
        Assert.Contains("\"token\": \"(set from GOSSIP_ADMIN_TOKEN; not shown)\"", rendered, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_written_in_the_rendered_file_is_that_file_and_printed_as_it_is()
    {
        var file = HoconConfig.ParseString("admin.token = \"written-in-the-file-0001\"", "node.conf", new HoconParseOptions { EnvironmentVariables = new Dictionary<string, string>() });

        Assert.Equal("written-in-the-file-0001", RenderedSecrets.Hide(file).GetString("admin.token"));
    }
}
