using GossipActors.Protocol.Text;
using Xunit;

namespace GossipActors.Protocol.Tests.Text;

public sealed class PeerTextTests
{
    [Theory]
    [InlineData("prod", "prod")]
    [InlineData("evil\u001b[31mred\u001b[0m", "evil\\x1b[31mred\\x1b[0m")]
    [InlineData("two\nlines\r", "two\\x0alines\\x0d")]
    [InlineData("nul\0del\u007f c1\u009b", "nul\\x00del\\x7f c1\\x9b")]
    [InlineData("sep\u2028x", "sep\\u2028x")]
    [InlineData("ünïcødé ✓", "ünïcødé ✓")]
    public void Control_characters_are_escaped_and_everything_else_is_kept(string peerSent, string logged) =>
        Assert.Equal(logged, PeerText.Escape(peerSent));

    [Fact]
    public void Null_is_empty() => Assert.Equal(string.Empty, PeerText.Escape(null));
}
