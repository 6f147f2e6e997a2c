using System.Text;
using GossipActors.Hocon.Parsing;

namespace GossipActors.Hocon;

/// <summary>Path expressions (<c>a.b."c.d"</c>): parsing them into keys and writing keys back as a path.</summary>
public static class HoconPath
{
    /// <summary>Splits a path expression into keys, honouring quotes: <c>a."b.c"</c> is two keys.</summary>
    /// <exception cref="ConfigException">The text is not a valid path expression.</exception>
    public static IReadOnlyList<string> Parse(string path) => ParseToArray(path);

    internal static string[] ParseToArray(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (IsPlainDottedPath(path))
        {
            return path.Split('.');
        }

        try
        {
            var tokens = Lexer.Tokenize(path, "path", json: false);
            var pieces = new List<Token>();
            foreach (var token in tokens)
            {
                if (token.Kind == TokenKind.End)
                {
                    break;
                }

                if (!token.IsSimpleValue && token.Kind != TokenKind.Whitespace)
                {
                    throw new ConfigException(path, "path", null, $"'{path}' is not a valid path expression: {token.Describe()} is not allowed in a path");
                }

                pieces.Add(token);
            }

            while (pieces.Count > 0 && pieces[^1].Kind == TokenKind.Whitespace)
            {
                pieces.RemoveAt(pieces.Count - 1);
            }

            while (pieces.Count > 0 && pieces[0].Kind == TokenKind.Whitespace)
            {
                pieces.RemoveAt(0);
            }

            return PathBuilder.Build(pieces, "path");
        }
        catch (HoconParseException e)
        {
            throw new ConfigException(path, "path", null, $"'{path}' is not a valid path expression: {e.Reason}");
        }
    }

    /// <summary>
    /// Paths such as <c>gossip.failure-detector.window-size</c>, the ones code reads all the time: letters, digits,
    /// '-' and '_' between single dots. For those, splitting on dots gives exactly what the full parser would.
    /// </summary>
    private static bool IsPlainDottedPath(string path)
    {
        if (path.Length == 0 || path[0] is '.' or '-' || path[^1] == '.')
        {
            return false;
        }

        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (c == '.' ? path[i - 1] == '.' : !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Writes keys as a path expression, quoting keys that would not read back as themselves.</summary>
    public static string Render(IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var builder = new StringBuilder();
        foreach (var key in keys)
        {
            if (builder.Length > 0)
            {
                builder.Append('.');
            }

            AppendKey(builder, key);
        }

        return builder.ToString();
    }

    internal static void AppendKey(StringBuilder builder, string key)
    {
        if (IsPlainKey(key))
        {
            builder.Append(key);
            return;
        }

        Rendering.JsonRenderer.AppendQuoted(builder, key);
    }

    private static bool IsPlainKey(string key)
    {
        if (key.Length == 0 || key == "include")
        {
            return false;
        }

        // A leading digit starts a number when read back, and "1-a" would then fail; keep only all-digit keys bare.
        if (char.IsAsciiDigit(key[0]))
        {
            return key.All(char.IsAsciiDigit);
        }

        if (!(char.IsAsciiLetter(key[0]) || key[0] == '_'))
        {
            return false;
        }

        foreach (var c in key)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_' || c == '-'))
            {
                return false;
            }
        }

        return true;
    }
}
