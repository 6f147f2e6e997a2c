using GossipActors.Protocol.Text;
using Xunit;

namespace GossipActors.Protocol.Tests.Text;

public sealed class LogTextTests
{
    [Theory]
    [InlineData("plain /setphi 127.0.0.1:7199", "plain /setphi 127.0.0.1:7199")]
    [InlineData("\u001b[31mred\u001b[0m", "\\x1b[31mred\\x1b[0m")]
    [InlineData("one\r\nadmin forged line", "one\\r\\nadmin forged line")]
    [InlineData("tab\there\0nul\u007f", "tab\\there\\x00nul\\x7f")]
    [InlineData("c1\u009bcsi", "c1\\x9bcsi")]
    [InlineData("bidi \u202eevil\u2066 \u2028sep", "bidi \\u202eevil\\u2066 \\u2028sep")]
    [InlineData("ünïcödé stays", "ünïcödé stays")]
    [InlineData(null, "")]
    public void Control_characters_line_breaks_and_bidi_overrides_are_escaped(string? input, string expected) =>
        Assert.Equal(expected, LogText.Escape(input));

    [Fact]
    public void Long_text_is_cut_so_one_sender_cannot_make_a_line_arbitrarily_long()
    {
        var escaped = LogText.Escape(new string('a', 10_000));

        Assert.Equal(LogText.MaximumLength + 1, escaped.Length);
        Assert.EndsWith("a…", escaped, StringComparison.Ordinal);
    }
}
