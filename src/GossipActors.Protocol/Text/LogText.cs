using System.Globalization;
using System.Text;

namespace GossipActors.Protocol.Text;

/// <summary>
/// Makes text that came from outside (a peer, an HTTP client) safe to put in a log line: control characters, line
/// breaks and bidirectional overrides are written as escapes, so a sender can neither forge extra log lines nor
/// drive the operator's terminal with ANSI sequences nor reorder what the line appears to say.
/// </summary>
public static class LogText
{
    /// <summary>Longer input is cut (with "…") so a sender cannot make one line arbitrarily long.</summary>
    public const int MaximumLength = 512;

    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var cut = text.Length > MaximumLength;
        var span = cut ? text.AsSpan(0, MaximumLength) : text.AsSpan();
        if (!cut && !NeedsEscape(span))
        {
            return text;
        }

        var builder = new StringBuilder(span.Length + 16);
        foreach (var c in span)
        {
            if (!IsUnsafe(c))
            {
                builder.Append(c);
                continue;
            }

            builder.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < '\u0100' => string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                _ => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
            });
        }

        return cut ? builder.Append('…').ToString() : builder.ToString();
    }

    private static bool NeedsEscape(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (IsUnsafe(c))
            {
                return true;
            }
        }

        return false;
    }

    // C0, DEL and C1 controls; the Unicode line and paragraph separators; the bidirectional embeddings, overrides
    // and isolates (U+202A-U+202E, U+2066-U+2069).
    private static bool IsUnsafe(char c) =>
        char.IsControl(c) || c is '\u2028' or '\u2029' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
