using System.Globalization;
using System.Text;

namespace GossipActors.Protocol.Text;

/// <summary>
/// Text a peer sent (a cluster name, an address, a rejection's reason, a report) made safe to write into a log: control
/// characters are escaped (<c>\x1b</c>, <c>\n</c> as <c>\x0a</c>), so a peer can neither colour an operator's terminal
/// nor forge a log line. Every log line that quotes a peer goes through <see cref="Escape"/>.
/// </summary>
public static class PeerText
{
    public static string Escape(string? text)
    {
        if (text is null)
        {
            return string.Empty;
        }

        if (!NeedsEscaping(text))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var ch in text)
        {
            if (IsUnsafe(ch))
            {
                escaped.Append(ch <= 0xFF
                    ? string.Create(CultureInfo.InvariantCulture, $"\\x{(int)ch:x2}")
                    : string.Create(CultureInfo.InvariantCulture, $"\\u{(int)ch:x4}"));
            }
            else
            {
                escaped.Append(ch);
            }
        }

        return escaped.ToString();
    }

    private static bool NeedsEscaping(string text)
    {
        foreach (var ch in text)
        {
            if (IsUnsafe(ch))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>C0 and C1 controls, DEL, and the Unicode line and paragraph separators (a line break to many viewers).</summary>
    private static bool IsUnsafe(char ch) => char.IsControl(ch) || ch is '\u2028' or '\u2029';
}
