using System.Text;

namespace GossipActors.Hocon.Parsing;

/// <summary>
/// Builds a path (list of keys) from the tokens of a key or of a substitution: dots outside quotes separate
/// elements, dots inside quotes do not, and numbers keep their spelling so <c>1.2</c> is two elements.
/// </summary>
internal static class PathBuilder
{
    public static string[] Build(IReadOnlyList<Token> pieces, string file)
    {
        // The common key: one quoted string, or one unquoted word without dots.
        if (pieces.Count == 1 && (pieces[0].Kind == TokenKind.QuotedString || (pieces[0].Text.Length > 0 && !pieces[0].Text.Contains('.', StringComparison.Ordinal))))
        {
            return [pieces[0].Text];
        }

        var elements = new List<string>();
        var current = new StringBuilder();
        var hasContent = false;
        var lastLine = pieces.Count > 0 ? pieces[0].Line : 1;
        var lastColumn = pieces.Count > 0 ? pieces[0].Column : 1;
        foreach (var piece in pieces)
        {
            if (piece.Kind == TokenKind.QuotedString)
            {
                current.Append(piece.Text);
                hasContent = true;
                continue;
            }

            for (var i = 0; i < piece.Text.Length; i++)
            {
                var c = piece.Text[i];
                if (c != '.')
                {
                    current.Append(c);
                    hasContent = true;
                    continue;
                }

                if (!hasContent)
                {
                    throw new HoconParseException(file, piece.Line, piece.Column + i,
                        "path has an empty element (two dots in a row, or a leading dot); quote an empty key as \"\"");
                }

                elements.Add(current.ToString());
                current.Clear();
                hasContent = false;
                lastLine = piece.Line;
                lastColumn = piece.Column + i;
            }
        }

        if (!hasContent)
        {
            throw new HoconParseException(file, lastLine, lastColumn,
                elements.Count == 0 ? "empty path" : "path ends with a dot; quote an empty key as \"\"");
        }

        elements.Add(current.ToString());
        return elements.ToArray();
    }
}
