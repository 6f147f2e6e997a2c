using System.Runtime.CompilerServices;
using System.Text;
using GossipActors.Hocon.Syntax;

namespace GossipActors.Hocon.Parsing;

/// <summary>
/// Recursive-descent parser for HOCON and strict JSON. It produces unresolved <see cref="Node"/>s: duplicate
/// keys become merge stacks, path keys become nested objects, includes are loaded and merged in place.
/// </summary>
internal sealed class Parser
{
    private const int MaxNesting = 400;

    private readonly List<Token> _tokens;
    private readonly string _file;

    // A value given on one line (--set, a builder call) has no lines worth naming: its values carry the source alone.
    private bool _oneLineValue;
    private readonly bool _json;
    private readonly string[] _basePath;
    private readonly Includer? _includer;
    private readonly string? _directory;
    private int _index;
    private int _depth;

    private Parser(List<Token> tokens, string file, bool json, string[] basePath, Includer? includer, string? directory)
    {
        _tokens = tokens;
        _file = file;
        _json = json;
        _basePath = basePath;
        _includer = includer;
        _directory = directory;
    }

    /// <summary>Parses a whole document; the root is an <see cref="ObjectNode"/> or an <see cref="ArrayNode"/>.</summary>
    /// <param name="text">The document.</param>
    /// <param name="file">Origin description used in every location.</param>
    /// <param name="json">Strict JSON instead of HOCON.</param>
    /// <param name="basePath">Where this document sits in the whole configuration (non-empty for includes).</param>
    /// <param name="includer">Loads included files; null forbids includes.</param>
    /// <param name="directory">Directory that relative heuristic includes are resolved against.</param>
    public static Node ParseDocument(string text, string file, bool json, string[] basePath, Includer? includer, string? directory)
    {
        var parser = new Parser(Lexer.Tokenize(text, file, json), file, json, basePath, includer, directory);
        return parser.ParseRoot();
    }

    /// <summary>Parses a single value (a right-hand side), such as the text of a <c>--set path=value</c> override.</summary>
    public static Node ParseValueText(string text, string file, string[] contextPath)
    {
        var parser = new Parser(Lexer.Tokenize(text, file, json: false), file, json: false, [], includer: null, directory: null)
        {
            _oneLineValue = !text.Contains('\n', StringComparison.Ordinal),
        };
        parser.SkipWhitespaceAndNewlines();
        var first = parser.Peek();
        if (!IsValueStart(first))
        {
            throw parser.ErrorAt(first, first.Kind == TokenKind.End ? "expected a value, found nothing" : $"expected a value, found {first.Describe()}");
        }

        var value = parser.ParseValue(contextPath);
        parser.SkipWhitespaceAndNewlines();
        var rest = parser.Peek();
        if (rest.Kind != TokenKind.End)
        {
            throw parser.ErrorAt(rest, $"unexpected {rest.Describe()} after the value");
        }

        return value;
    }

    private Node ParseRoot()
    {
        SkipWhitespaceAndNewlines();
        var first = Peek();
        Node root;
        switch (first.Kind)
        {
            case TokenKind.End when _json:
                throw ErrorAt(first, "empty JSON document; expected '{' or '['");
            case TokenKind.End:
                return new ObjectNode(OriginOf(first));
            case TokenKind.OpenBrace:
                Next();
                root = ParseObjectBody(braced: true, path: [], first);
                break;
            case TokenKind.OpenBracket:
                root = ParseArray();
                break;
            default:
                if (_json)
                {
                    throw ErrorAt(first, $"a JSON document must start with '{{' or '[', found {first.Describe()}");
                }

                root = ParseObjectBody(braced: false, path: [], first);
                break;
        }

        SkipWhitespaceAndNewlines();
        var trailing = Peek();
        if (trailing.Kind != TokenKind.End)
        {
            throw ErrorAt(trailing, $"unexpected {trailing.Describe()} after the end of the document");
        }

        return root;
    }

    private ObjectNode ParseObjectBody(bool braced, string[]? path, Token open)
    {
        EnterNesting(open);
        var obj = new ObjectNode(OriginOf(open));
        var separation = default(ElementSeparation);
        while (true)
        {
            SkipWhitespace();
            var token = Peek();
            if (TrySkipSeparator(token, ref separation, "field"))
            {
                continue;
            }

            switch (token.Kind)
            {
                case TokenKind.CloseBrace:
                    if (!braced)
                    {
                        throw ErrorAt(token, "'}' without a matching '{'");
                    }

                    if (_json && separation.CommaAfterElement)
                    {
                        throw ErrorAt(token, "a trailing comma before '}' is not valid JSON");
                    }

                    Next();
                    _depth--;
                    return obj;
                case TokenKind.End:
                    if (braced)
                    {
                        throw ErrorAt(token, $"'{{' opened at line {open.Line}, column {open.Column} is not closed by '}}'");
                    }

                    _depth--;
                    return obj;
            }

            if (token.Kind == TokenKind.CloseBracket)
            {
                throw ErrorAt(token, "']' without a matching '['");
            }

            if (separation.NeedSeparator)
            {
                var hint = token.Kind is TokenKind.Colon or TokenKind.Equals && !_json
                    ? $"; if '{token.Text}' belongs to the value, quote the value (e.g. \"host:7000\")"
                    : string.Empty;
                throw ErrorAt(token, _json
                    ? $"expected ',' or '}}' before {token.Describe()}"
                    : $"expected ',' or a newline before {token.Describe()}{hint}");
            }

            ParseFieldOrInclude(obj, path);
            separation.ElementParsed();
        }
    }

    private void ParseFieldOrInclude(ObjectNode obj, string[]? path)
    {
        var start = Peek();
        if (!_json && start.Kind == TokenKind.UnquotedText && start.Text == "include")
        {
            ParseInclude(obj, path);
            return;
        }

        var keyPath = _json ? ParseJsonKey() : ParseKeyPath();
        SkipWhitespaceAndNewlines();
        var separator = Peek();
        var append = false;
        switch (separator.Kind)
        {
            case TokenKind.Colon:
                Next();
                break;
            case TokenKind.Equals when !_json:
                Next();
                break;
            case TokenKind.PlusEquals:
                Next();
                append = true;
                break;
            case TokenKind.OpenBrace when !_json:
                break;
            default:
                throw ErrorAt(separator, _json
                    ? $"expected ':' after key \"{string.Join('.', keyPath)}\", found {separator.Describe()}"
                    : $"expected ':', '=' or '{{' after key '{RenderPath(keyPath)}', found {separator.Describe()}");
        }

        SkipWhitespaceAndNewlines();
        var valueStart = Peek();
        if (!IsValueStart(valueStart))
        {
            throw ErrorAt(valueStart, $"expected a value for '{RenderPath(keyPath)}', found {valueStart.Describe()}");
        }

        var fieldPath = path is null ? null : Concat(path, keyPath);
        var value = ParseValue(fieldPath);
        if (append)
        {
            value = MakeAppend(value, fieldPath, separator, keyPath);
        }

        // a.b.c = v is a { b { c = v } }: the inner objects take the key's position as origin.
        var keyOrigin = OriginOf(start);
        for (var i = keyPath.Length - 1; i >= 1; i--)
        {
            var wrapper = new ObjectNode(keyOrigin);
            wrapper.Add(keyPath[i], value);
            value = wrapper;
        }

        obj.Add(keyPath[0], value);
    }

    /// <summary><c>a += v</c> means <c>a = ${?a} [v]</c>, with the path of <c>a</c> from the root of everything.</summary>
    private ConcatenationNode MakeAppend(Node value, string[]? fieldPath, Token separator, string[] keyPath)
    {
        if (fieldPath is null)
        {
            throw ErrorAt(separator, $"'+=' cannot be used inside an object that is a list element ('{RenderPath(keyPath)}'); write the whole list with '='");
        }

        var origin = OriginOf(separator);
        var absolute = Concat(_basePath, fieldPath);
        var previous = new SubstitutionNode(absolute, fallbackPath: null, optional: true, $"${{?{RenderPath(absolute)}}}", origin);
        return new ConcatenationNode([previous, new ArrayNode([value], value.Origin)], origin);
    }

    private string[] ParseJsonKey()
    {
        var token = Peek();
        if (token.Kind != TokenKind.QuotedString || token.TripleQuoted)
        {
            throw ErrorAt(token, $"expected a quoted key, found {token.Describe()}");
        }

        Next();
        return [token.Text];
    }

    private string[] ParseKeyPath()
    {
        var pieces = new List<Token>();
        while (true)
        {
            var token = Peek();
            if (token.IsSimpleValue || token.Kind == TokenKind.Whitespace)
            {
                pieces.Add(Next());
                continue;
            }

            if (token.Kind == TokenKind.Substitution)
            {
                throw ErrorAt(token, "substitutions are not allowed in keys");
            }

            break;
        }

        while (pieces.Count > 0 && pieces[^1].Kind == TokenKind.Whitespace)
        {
            pieces.RemoveAt(pieces.Count - 1);
        }

        if (pieces.Count == 0)
        {
            var token = Peek();
            throw ErrorAt(token, $"expected a key, found {token.Describe()}");
        }

        return PathBuilder.Build(pieces, _file);
    }

    private Node ParseValue(string[]? contextPath)
    {
        if (_json)
        {
            return ParsePiece(contextPath);
        }

        var pieces = new List<Node>();
        while (true)
        {
            var token = Peek();
            if (IsValueStart(token))
            {
                pieces.Add(ParsePiece(contextPath));
                continue;
            }

            if (token.Kind == TokenKind.Whitespace && pieces.Count > 0 && IsValueStart(PeekAt(1)))
            {
                Next();
                pieces.Add(new WhitespaceNode(token.Text, OriginOf(token)));
                continue;
            }

            break;
        }

        return pieces.Count == 1 ? pieces[0] : Concatenate(pieces);
    }

    /// <summary>
    /// Folds a concatenation whose pieces are all literal now (strings join, lists append, objects merge); one with
    /// substitutions is kept for the resolver, because only resolution tells whether it is a string, list or object.
    /// </summary>
    private Node Concatenate(List<Node> pieces)
    {
        var origin = pieces[0].Origin;
        if (pieces.Any(p => p is SubstitutionNode))
        {
            return new ConcatenationNode(pieces, origin);
        }

        var values = pieces.Where(p => p is not WhitespaceNode).ToList();
        if (values.All(p => p is ValueNode))
        {
            var text = new StringBuilder();
            foreach (var piece in pieces)
            {
                text.Append(piece is WhitespaceNode ws ? ws.Text : ((ValueNode)piece).Value.ConcatenationText);
            }

            return new ValueNode(new HoconString(text.ToString(), origin));
        }

        if (values.All(p => p is ArrayNode))
        {
            return new ArrayNode(values.SelectMany(p => ((ArrayNode)p).Items).ToList(), origin);
        }

        if (values.All(p => p is ObjectNode))
        {
            var merged = new ObjectNode(origin);
            foreach (var piece in values)
            {
                merged.MergeFrom((ObjectNode)piece);
            }

            return merged;
        }

        var first = values[0];
        var offender = values.First(p => Category(p) != Category(first));
        throw HoconParseException.At(offender.Origin,
            $"cannot concatenate {Category(first)} with {Category(offender)} (only strings with strings, lists with lists, objects with objects)");
    }

    private static string Category(Node node) => node switch
    {
        ArrayNode => "a list",
        ObjectNode => "an object",
        _ => "a simple value",
    };

    private Node ParsePiece(string[]? contextPath)
    {
        if (Peek().Kind == TokenKind.OpenBracket)
        {
            return ParseArray();
        }

        var token = Next();
        var origin = OriginOf(token);
        switch (token.Kind)
        {
            case TokenKind.QuotedString:
            case TokenKind.UnquotedText:
                return new ValueNode(new HoconString(token.Text, origin));
            case TokenKind.Number:
                return new ValueNode(new HoconNumber(token.Text, origin));
            case TokenKind.True:
                return new ValueNode(new HoconBoolean(true, origin));
            case TokenKind.False:
                return new ValueNode(new HoconBoolean(false, origin));
            case TokenKind.Null:
                return new ValueNode(new HoconNull(origin));
            case TokenKind.Substitution:
                return MakeSubstitution(token, origin);
            case TokenKind.OpenBrace:
                return ParseObjectBody(braced: true, contextPath, token);
            default:
                throw ErrorAt(token, $"expected a value, found {token.Describe()}");
        }
    }

    private SubstitutionNode MakeSubstitution(Token token, HoconOrigin origin)
    {
        var written = PathBuilder.Build(token.Pieces, _file);
        var rerooted = _basePath.Length > 0;
        return new SubstitutionNode(
            rerooted ? Concat(_basePath, written) : written,
            rerooted ? written : null,
            token.Optional,
            token.Text,
            origin);
    }

    private ArrayNode ParseArray()
    {
        var open = Next();
        EnterNesting(open);
        var items = new List<Node>();
        var separation = default(ElementSeparation);
        while (true)
        {
            SkipWhitespace();
            var token = Peek();
            if (TrySkipSeparator(token, ref separation, "list element"))
            {
                continue;
            }

            switch (token.Kind)
            {
                case TokenKind.CloseBracket:
                    if (_json && separation.CommaAfterElement)
                    {
                        throw ErrorAt(token, "a trailing comma before ']' is not valid JSON");
                    }

                    Next();
                    _depth--;
                    return new ArrayNode(items, OriginOf(open));
                case TokenKind.End:
                    throw ErrorAt(token, $"'[' opened at line {open.Line}, column {open.Column} is not closed by ']'");
            }

            if (!IsValueStart(token))
            {
                var hint = token.Kind switch
                {
                    TokenKind.Colon when !_json => "; a ':' inside a value must be quoted (e.g. \"10.0.0.1:7000\")",
                    TokenKind.Equals or TokenKind.PlusEquals or TokenKind.CloseBrace or TokenKind.Colon =>
                        $" (is the ']' for the '[' at line {open.Line}, column {open.Column} missing?)",
                    _ => string.Empty,
                };
                throw ErrorAt(token, $"{token.Describe()} is not a valid list element{hint}");
            }

            if (separation.NeedSeparator)
            {
                throw ErrorAt(token, _json
                    ? $"expected ',' or ']' before {token.Describe()}"
                    : $"expected ',' or a newline before {token.Describe()}");
            }

            items.Add(ParseValue(contextPath: null));
            separation.ElementParsed();
        }
    }

    /// <summary>
    /// Consumes a newline or a comma between an object's fields or a list's elements, refusing a comma
    /// before the first one or right after another; false (nothing consumed) for any other token.
    /// </summary>
    private bool TrySkipSeparator(Token token, ref ElementSeparation separation, string element)
    {
        switch (token.Kind)
        {
            case TokenKind.Newline:
                Next();
                if (!_json)
                {
                    separation.NeedSeparator = false;
                }

                return true;
            case TokenKind.Comma:
                Next();
                if (!separation.AnyElement || separation.CommaAfterElement)
                {
                    throw ErrorAt(token, separation.AnyElement ? "two commas in a row" : $"unexpected ',' before the first {element}");
                }

                separation.CommaAfterElement = true;
                separation.NeedSeparator = false;
                return true;
            default:
                return false;
        }
    }

    private void ParseInclude(ObjectNode obj, string[]? path)
    {
        var keyword = Next();
        var spec = ParseIncludeSpec(keyword);
        if (path is null)
        {
            throw ErrorAt(keyword, "include is not supported inside an object that is a list element");
        }

        if (_includer is null)
        {
            throw ErrorAt(keyword, "include is not allowed here");
        }

        var included = _includer.Include(spec, _directory, Concat(_basePath, path));
        if (included is not null)
        {
            obj.MergeFrom(included);
        }
    }

    private IncludeSpec ParseIncludeSpec(Token keyword)
    {
        const string Expected = "include must be followed by a quoted name, file(\"...\"), url(\"...\"), classpath(\"...\") or required(...)";
        SkipWhitespaceAndNewlines();
        var required = false;
        var kind = IncludeKind.Heuristic;
        var open = 0;
        while (Peek().Kind is TokenKind.UnquotedText or TokenKind.Whitespace or TokenKind.Newline)
        {
            var token = Next();
            if (token.Kind != TokenKind.UnquotedText)
            {
                continue;
            }

            var text = token.Text;
            var i = 0;
            while (i < text.Length)
            {
                var paren = text.IndexOf('(', i);
                if (paren < 0)
                {
                    throw ErrorAt(token, Expected);
                }

                var word = text[i..paren];
                switch (word)
                {
                    case "required" when open == 0 && !required:
                        required = true;
                        break;
                    case "file" when kind == IncludeKind.Heuristic:
                        kind = IncludeKind.File;
                        break;
                    case "url" when kind == IncludeKind.Heuristic:
                        kind = IncludeKind.Url;
                        break;
                    case "classpath" when kind == IncludeKind.Heuristic:
                        kind = IncludeKind.Classpath;
                        break;
                    default:
                        throw ErrorAt(token, $"'{word}(' is not valid in an include; {Expected}");
                }

                open++;
                i = paren + 1;
            }
        }

        var name = Peek();
        if (name.Kind != TokenKind.QuotedString)
        {
            throw ErrorAt(name, Expected);
        }

        Next();
        var closed = 0;
        while (closed < open)
        {
            var token = Next();
            if (token.Kind is TokenKind.Whitespace or TokenKind.Newline)
            {
                continue;
            }

            if (token.Kind != TokenKind.UnquotedText || token.Text.Any(c => c != ')') || closed + token.Text.Length > open)
            {
                throw ErrorAt(token, $"expected ')' to close the include, found {token.Describe()}");
            }

            closed += token.Text.Length;
        }

        if (kind == IncludeKind.Heuristic && required && open != 1)
        {
            throw ErrorAt(keyword, Expected);
        }

        return new IncludeSpec(name.Text, kind, required, OriginOf(keyword));
    }

    private void EnterNesting(Token at)
    {
        _depth++;
        if (_depth > MaxNesting || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw ErrorAt(at, $"objects and lists are nested more than {MaxNesting} deep");
        }
    }

    private static bool IsValueStart(Token token) => token.IsSimpleValue
        || token.Kind is TokenKind.Substitution or TokenKind.OpenBrace or TokenKind.OpenBracket;

    private Token Peek() => _tokens[_index];

    private Token PeekAt(int ahead) => _tokens[Math.Min(_index + ahead, _tokens.Count - 1)];

    private Token Next()
    {
        var token = _tokens[_index];
        if (token.Kind != TokenKind.End)
        {
            _index++;
        }

        return token;
    }

    private void SkipWhitespace()
    {
        while (Peek().Kind == TokenKind.Whitespace)
        {
            _index++;
        }
    }

    private void SkipWhitespaceAndNewlines()
    {
        while (Peek().Kind is TokenKind.Whitespace or TokenKind.Newline)
        {
            _index++;
        }
    }

    private HoconOrigin OriginOf(Token token) => _oneLineValue ? new(_file, 0, 0) : new(_file, token.Line, token.Column);

    private HoconParseException ErrorAt(Token token, string reason) => new(_file, token.Line, token.Column, reason);

    private static string[] Concat(string[] a, string[] b)
    {
        if (a.Length == 0)
        {
            return b;
        }

        var result = new string[a.Length + b.Length];
        a.CopyTo(result, 0);
        b.CopyTo(result, a.Length);
        return result;
    }

    private static string RenderPath(string[] path) => HoconPath.Render(path);
}
