using System.Globalization;
using System.Text;

namespace GossipActors.Hocon.Parsing;

/// <summary>
/// Turns HOCON (or strict JSON) text into tokens, tracking the line and column of each. Comments are dropped
/// here; newlines and non-newline whitespace are kept because they separate fields and shape concatenations.
/// </summary>
internal sealed class Lexer
{
    private readonly string _text;
    private readonly string _file;
    private readonly bool _json;
    private int _pos;
    private int _line = 1;
    private int _column = 1;

    private Lexer(string text, string file, bool json)
    {
        _text = text;
        _file = file;
        _json = json;
    }

    public static List<Token> Tokenize(string text, string file, bool json)
    {
        var lexer = new Lexer(text, file, json);
        // Configuration text averages one token per eight characters or so; sizing up front avoids regrowing.
        var tokens = new List<Token>(text.Length / 8 + 16);
        while (true)
        {
            var token = lexer.Next(inSubstitution: false);
            tokens.Add(token);
            if (token.Kind == TokenKind.End)
            {
                return tokens;
            }
        }
    }

    private char Peek(int ahead = 0) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private bool AtEnd => _pos >= _text.Length;

    private void Advance()
    {
        if (_text[_pos] == '\n')
        {
            _line++;
            _column = 1;
        }
        else
        {
            _column++;
        }

        _pos++;
    }

    private HoconParseException Error(int line, int column, string reason) => new(_file, line, column, reason);

    private Token Next(bool inSubstitution)
    {
        while (true)
        {
            if (AtEnd)
            {
                return new Token(TokenKind.End, string.Empty, _line, _column);
            }

            var c = _text[_pos];
            var line = _line;
            var column = _column;
            if (c == '#' || (c == '/' && Peek(1) == '/'))
            {
                if (inSubstitution)
                {
                    throw Error(line, column, "a comment cannot appear inside a substitution; '${' is not closed by '}'");
                }

                SkipComment();
                continue;
            }

            switch (c)
            {
                case '\n':
                    Advance();
                    return new Token(TokenKind.Newline, "\n", line, column);
                case ',':
                    Advance();
                    return new Token(TokenKind.Comma, ",", line, column);
                case ':':
                    Advance();
                    return new Token(TokenKind.Colon, ":", line, column);
                case '=':
                    Advance();
                    return new Token(TokenKind.Equals, "=", line, column);
                case '{':
                    Advance();
                    return new Token(TokenKind.OpenBrace, "{", line, column);
                case '}':
                    Advance();
                    return new Token(TokenKind.CloseBrace, "}", line, column);
                case '[':
                    Advance();
                    return new Token(TokenKind.OpenBracket, "[", line, column);
                case ']':
                    Advance();
                    return new Token(TokenKind.CloseBracket, "]", line, column);
                case '+':
                    if (Peek(1) == '=' && !_json)
                    {
                        Advance();
                        Advance();
                        return new Token(TokenKind.PlusEquals, "+=", line, column);
                    }

                    throw Error(line, column, _json
                        ? "'+' is not valid JSON here"
                        : "'+' is only valid as part of '+='; put text containing '+' in quotes");
                case '"':
                    return LexQuoted(line, column);
                case '$':
                    if (inSubstitution)
                    {
                        throw Error(line, column, "substitutions cannot be nested");
                    }

                    if (Peek(1) != '{')
                    {
                        throw Error(line, column, "'$' must start a substitution '${path}'; put text containing '$' in quotes");
                    }

                    if (_json)
                    {
                        throw Error(line, column, "substitutions are not valid JSON; use a .conf file");
                    }

                    return LexSubstitution(line, column);
            }

            if (HoconChars.IsWhitespace(c))
            {
                var start = _pos;
                while (!AtEnd && _text[_pos] != '\n' && HoconChars.IsWhitespace(_text[_pos]))
                {
                    Advance();
                }

                return new Token(TokenKind.Whitespace, Whitespace(start, _pos - start), line, column);
            }

            if (c == '-' || char.IsAsciiDigit(c))
            {
                return LexNumber(line, column);
            }

            if (c == '?' && inSubstitution)
            {
                throw Error(line, column, "'?' must directly follow '${' (write ${?path}, without spaces)");
            }

            if (HoconChars.IsReserved(c))
            {
                throw Error(line, column, $"'{c}' is reserved and cannot appear unquoted; put the text in quotes");
            }

            return LexWordOrKeyword(line, column);
        }
    }

    /// <summary>Indentation is mostly runs of plain spaces; share those strings instead of cutting new ones.</summary>
    private string Whitespace(int start, int length)
    {
        if (length < SpaceRuns.Length && _text.AsSpan(start, length).IndexOfAnyExcept(' ') < 0)
        {
            return SpaceRuns[length];
        }

        return _text.Substring(start, length);
    }

    private static readonly string[] SpaceRuns = Enumerable.Range(0, 33).Select(n => new string(' ', n)).ToArray();

    private void SkipComment()
    {
        while (!AtEnd && _text[_pos] != '\n')
        {
            Advance();
        }
    }

    private Token LexWordOrKeyword(int line, int column)
    {
        foreach (var (word, kind) in Keywords)
        {
            if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) == 0)
            {
                for (var i = 0; i < word.Length; i++)
                {
                    Advance();
                }

                return new Token(kind, word, line, column);
            }
        }

        var start = _pos;
        while (!AtEnd)
        {
            var c = _text[_pos];
            if (HoconChars.IsWhitespace(c) || HoconChars.IsForbiddenInUnquoted(c) || (c == '/' && Peek(1) == '/'))
            {
                break;
            }

            Advance();
        }

        if (_json)
        {
            throw Error(line, column, $"unquoted text '{_text[start.._pos]}' is not valid JSON; quote it or use a .conf file");
        }

        return new Token(TokenKind.UnquotedText, _text[start.._pos], line, column);
    }

    private static readonly (string Word, TokenKind Kind)[] Keywords =
    [
        ("true", TokenKind.True),
        ("false", TokenKind.False),
        ("null", TokenKind.Null),
    ];

    private Token LexNumber(int line, int column)
    {
        var start = _pos;
        if (Peek() == '-')
        {
            Advance();
            if (!char.IsAsciiDigit(Peek()))
            {
                throw Error(line, column, "'-' must be followed by a digit (a number); put text starting with '-' in quotes");
            }
        }

        while (char.IsAsciiDigit(Peek()))
        {
            Advance();
        }

        if (Peek() == '.' && char.IsAsciiDigit(Peek(1)))
        {
            Advance();
            while (char.IsAsciiDigit(Peek()))
            {
                Advance();
            }
        }

        if (Peek() is 'e' or 'E' && (char.IsAsciiDigit(Peek(1)) || (Peek(1) is '+' or '-' && char.IsAsciiDigit(Peek(2)))))
        {
            Advance();
            if (Peek() is '+' or '-')
            {
                Advance();
            }

            while (char.IsAsciiDigit(Peek()))
            {
                Advance();
            }
        }

        var text = _text[start.._pos];
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw Error(line, column, $"number {text} is out of range");
        }

        return new Token(TokenKind.Number, text, line, column);
    }

    private Token LexQuoted(int line, int column)
    {
        if (Peek(1) == '"' && Peek(2) == '"')
        {
            if (_json)
            {
                throw Error(line, column, "triple-quoted strings are not valid JSON; use a .conf file");
            }

            return LexTripleQuoted(line, column);
        }

        Advance();
        var value = new StringBuilder();
        while (true)
        {
            if (AtEnd)
            {
                throw Error(line, column, "quoted string is not closed before the end of the input");
            }

            var c = _text[_pos];
            if (c == '"')
            {
                Advance();
                return new Token(TokenKind.QuotedString, value.ToString(), line, column);
            }

            if (c == '\n')
            {
                throw Error(line, column, "quoted string is not closed before the end of the line (use \\n, or a \"\"\"triple-quoted\"\"\" string for several lines)");
            }

            if (c < ' ')
            {
                throw Error(_line, _column, $"control character U+{(int)c:X4} is not allowed in a quoted string; write it as an escape");
            }

            if (c == '\\')
            {
                value.Append(LexEscape());
                continue;
            }

            value.Append(c);
            Advance();
        }
    }

    private string LexEscape()
    {
        var line = _line;
        var column = _column;
        Advance();
        if (AtEnd)
        {
            throw Error(line, column, "'\\' at the end of the input");
        }

        var c = _text[_pos];
        Advance();
        switch (c)
        {
            case '"': return "\"";
            case '\\': return "\\";
            case '/': return "/";
            case 'b': return "\b";
            case 'f': return "\f";
            case 'n': return "\n";
            case 'r': return "\r";
            case 't': return "\t";
            case 'u':
                if (_pos + 4 > _text.Length
                    || !int.TryParse(_text.AsSpan(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
                    || _text.AsSpan(_pos, 4).ContainsAny('+', '-'))
                {
                    throw Error(line, column, "\\u must be followed by exactly four hexadecimal digits");
                }

                for (var i = 0; i < 4; i++)
                {
                    Advance();
                }

                return ((char)code).ToString();
            default:
                throw Error(line, column, $"'\\{Printable(c)}' is not a valid escape; valid ones are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
        }
    }

    private static string Printable(char c) => c < ' ' ? $"U+{(int)c:X4}" : c.ToString();

    private Token LexTripleQuoted(int line, int column)
    {
        Advance();
        Advance();
        Advance();
        var value = new StringBuilder();
        while (true)
        {
            if (AtEnd)
            {
                throw Error(line, column, "triple-quoted string is not closed by \"\"\" before the end of the input");
            }

            if (_text[_pos] != '"')
            {
                value.Append(_text[_pos]);
                Advance();
                continue;
            }

            var run = 0;
            while (Peek(run) == '"')
            {
                run++;
            }

            // Any run of three or more quotes closes the string; quotes beyond the last three belong to it.
            var keep = run >= 3 ? run - 3 : run;
            value.Append('"', keep);
            for (var i = 0; i < run; i++)
            {
                Advance();
            }

            if (run >= 3)
            {
                return new Token(TokenKind.QuotedString, value.ToString(), line, column) { TripleQuoted = true };
            }
        }
    }

    private Token LexSubstitution(int line, int column)
    {
        var start = _pos;
        Advance();
        Advance();
        var optional = false;
        if (Peek() == '?')
        {
            optional = true;
            Advance();
        }

        var pieces = new List<Token>();
        while (true)
        {
            if (AtEnd)
            {
                throw Error(line, column, "substitution '${' is not closed by '}'");
            }

            if (_text[_pos] == '}')
            {
                Advance();
                break;
            }

            var token = Next(inSubstitution: true);
            switch (token.Kind)
            {
                case TokenKind.Whitespace:
                case TokenKind.QuotedString:
                case TokenKind.UnquotedText:
                case TokenKind.Number:
                case TokenKind.True:
                case TokenKind.False:
                case TokenKind.Null:
                    pieces.Add(token);
                    break;
                case TokenKind.Newline:
                case TokenKind.End:
                    throw Error(line, column, "substitution '${' is not closed by '}' on the same line");
                default:
                    throw Error(token.Line, token.Column, $"{token.Describe()} is not allowed inside a substitution; expected a path such as ${{a.b}}");
            }
        }

        while (pieces.Count > 0 && pieces[^1].Kind == TokenKind.Whitespace)
        {
            pieces.RemoveAt(pieces.Count - 1);
        }

        while (pieces.Count > 0 && pieces[0].Kind == TokenKind.Whitespace)
        {
            pieces.RemoveAt(0);
        }

        if (pieces.Count == 0)
        {
            throw Error(line, column, "empty substitution; expected a path such as ${a.b}");
        }

        return new Token(TokenKind.Substitution, _text[start.._pos], line, column) { Optional = optional, Pieces = pieces };
    }
}
