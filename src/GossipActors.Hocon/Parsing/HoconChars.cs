namespace GossipActors.Hocon.Parsing;

/// <summary>Character classes of the HOCON specification.</summary>
internal static class HoconChars
{
    /// <summary>
    /// Whitespace per the spec: Unicode space/line/paragraph separators (including non-breaking spaces), the ASCII
    /// controls tab to carriage return, the file/group/record/unit separators, and the byte order mark.
    /// </summary>
    public static bool IsWhitespace(char c)
    {
        switch (c)
        {
            case ' ':
            case '\t':
            case '\n':
            case '\v':
            case '\f':
            case '\r':
            case '\u001C':
            case '\u001D':
            case '\u001E':
            case '\u001F':
            case '\uFEFF':
                return true;
            default:
                if (c < 128)
                {
                    return false;
                }

                var category = char.GetUnicodeCategory(c);
                return category is System.Globalization.UnicodeCategory.SpaceSeparator
                    or System.Globalization.UnicodeCategory.LineSeparator
                    or System.Globalization.UnicodeCategory.ParagraphSeparator;
        }
    }

    /// <summary>Characters that end an unquoted string (besides whitespace and "//").</summary>
    public static bool IsForbiddenInUnquoted(char c) => c switch
    {
        '$' or '"' or '{' or '}' or '[' or ']' or ':' or '=' or ',' or '+' or '#' or '`' or '^' or '?' or '!' or '@'
            or '*' or '&' or '\\' => true,
        _ => false,
    };

    /// <summary>Characters reserved by the spec for future use: they may never appear unquoted.</summary>
    public static bool IsReserved(char c) => c is '`' or '^' or '?' or '!' or '@' or '*' or '&' or '\\';
}
