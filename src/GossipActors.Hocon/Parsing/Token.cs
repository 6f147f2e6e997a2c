namespace GossipActors.Hocon.Parsing;

internal enum TokenKind
{
    End,
    Newline,
    Whitespace,
    Comma,
    Colon,
    Equals,
    PlusEquals,
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    QuotedString,
    UnquotedText,
    Number,
    True,
    False,
    Null,
    Substitution,
}

/// <summary>One lexical token with the position of its first character.</summary>
internal sealed class Token
{
    public Token(TokenKind kind, string text, int line, int column)
    {
        Kind = kind;
        Text = text;
        Line = line;
        Column = column;
    }

    public TokenKind Kind { get; }

    /// <summary>
    /// For quoted strings the unescaped value; for everything else the characters as written
    /// (numbers keep their spelling, whitespace its exact characters).
    /// </summary>
    public string Text { get; }

    public int Line { get; }

    public int Column { get; }

    /// <summary>True for <c>"""...""""</c> strings.</summary>
    public bool TripleQuoted { get; init; }

    /// <summary>For substitutions: <c>${?...}</c>.</summary>
    public bool Optional { get; init; }

    /// <summary>For substitutions: the path pieces between the braces, surrounding whitespace removed.</summary>
    public IReadOnlyList<Token> Pieces { get; init; } = [];

    /// <summary>True for tokens that can be part of a key or of a string concatenation.</summary>
    public bool IsSimpleValue => Kind is TokenKind.QuotedString or TokenKind.UnquotedText or TokenKind.Number
        or TokenKind.True or TokenKind.False or TokenKind.Null;

    public string Describe() => Kind switch
    {
        TokenKind.End => "end of input",
        TokenKind.Newline => "newline",
        TokenKind.Whitespace => "whitespace",
        TokenKind.Comma => "','",
        TokenKind.Colon => "':'",
        TokenKind.Equals => "'='",
        TokenKind.PlusEquals => "'+='",
        TokenKind.OpenBrace => "'{'",
        TokenKind.CloseBrace => "'}'",
        TokenKind.OpenBracket => "'['",
        TokenKind.CloseBracket => "']'",
        TokenKind.QuotedString => $"quoted string \"{Shorten(Text)}\"",
        TokenKind.UnquotedText => $"'{Shorten(Text)}'",
        TokenKind.Number => $"number {Text}",
        TokenKind.True => "'true'",
        TokenKind.False => "'false'",
        TokenKind.Null => "'null'",
        _ => "substitution",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
