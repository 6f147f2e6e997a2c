using System.Globalization;
using System.Text;
using GossipActors.Hocon.Syntax;

namespace GossipActors.Hocon.Parsing;

/// <summary>
/// Java <c>.properties</c> input: logical lines with backslash continuation, <c>#</c>/<c>!</c> comments,
/// <c>=</c>, <c>:</c> or whitespace between key and value, Java escapes. Keys split on every dot (empty elements
/// kept); values are always strings; when a key is both a value and a parent of other keys, the object wins.
/// </summary>
internal static class PropertiesParser
{
    public static ObjectNode Parse(string text, string file)
    {
        var root = new Tree(new HoconOrigin(file, 1, 1));
        var lines = LogicalLines(text);
        foreach (var (line, content) in lines)
        {
            var (key, value) = SplitKeyValue(content, file, line);
            var origin = new HoconOrigin(file, line, 1);
            root.Set(key.Split('.'), value, origin);
        }

        return root.ToNode();
    }

    private static List<(int Line, string Content)> LogicalLines(string text)
    {
        var result = new List<(int, string)>();
        var physical = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var current = new StringBuilder();
        var startLine = 0;
        var continuing = false;
        for (var i = 0; i < physical.Length; i++)
        {
            var raw = physical[i];
            var trimmed = raw.TrimStart(' ', '\t', '\f');
            if (!continuing)
            {
                if (trimmed.Length == 0 || trimmed[0] is '#' or '!')
                {
                    continue;
                }

                startLine = i + 1;
                current.Clear();
            }

            var trailingBackslashes = 0;
            for (var j = trimmed.Length - 1; j >= 0 && trimmed[j] == '\\'; j--)
            {
                trailingBackslashes++;
            }

            if (trailingBackslashes % 2 == 1)
            {
                current.Append(trimmed, 0, trimmed.Length - 1);
                continuing = true;
                continue;
            }

            current.Append(trimmed);
            continuing = false;
            result.Add((startLine, current.ToString()));
        }

        if (continuing)
        {
            result.Add((startLine, current.ToString()));
        }

        return result;
    }

    private static (string Key, string Value) SplitKeyValue(string line, string file, int lineNumber)
    {
        var key = new StringBuilder();
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (c == '\\')
            {
                i = Unescape(line, i, key, file, lineNumber);
                continue;
            }

            if (c is '=' or ':' or ' ' or '\t' or '\f')
            {
                break;
            }

            key.Append(c);
            i++;
        }

        while (i < line.Length && line[i] is ' ' or '\t' or '\f')
        {
            i++;
        }

        if (i < line.Length && line[i] is '=' or ':')
        {
            i++;
        }

        while (i < line.Length && line[i] is ' ' or '\t' or '\f')
        {
            i++;
        }

        var value = new StringBuilder();
        while (i < line.Length)
        {
            if (line[i] == '\\')
            {
                i = Unescape(line, i, value, file, lineNumber);
                continue;
            }

            value.Append(line[i]);
            i++;
        }

        return (key.ToString(), value.ToString());
    }

    private static int Unescape(string line, int at, StringBuilder into, string file, int lineNumber)
    {
        if (at + 1 >= line.Length)
        {
            return at + 1;
        }

        var c = line[at + 1];
        switch (c)
        {
            case 't':
                into.Append('\t');
                return at + 2;
            case 'n':
                into.Append('\n');
                return at + 2;
            case 'r':
                into.Append('\r');
                return at + 2;
            case 'f':
                into.Append('\f');
                return at + 2;
            case 'u':
                if (at + 6 > line.Length
                    || !int.TryParse(line.AsSpan(at + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                {
                    throw new HoconParseException(file, lineNumber, at + 1, "\\u must be followed by exactly four hexadecimal digits");
                }

                into.Append((char)code);
                return at + 6;
            default:
                into.Append(c);
                return at + 2;
        }
    }

    /// <summary>A mutable properties tree where an object always beats a string at the same key.</summary>
    private sealed class Tree
    {
        private readonly Dictionary<string, object> _children = new(StringComparer.Ordinal);
        private readonly List<string> _order = [];
        private readonly Dictionary<string, HoconOrigin> _origins = new(StringComparer.Ordinal);
        private readonly HoconOrigin _origin;

        public Tree(HoconOrigin origin)
        {
            _origin = origin;
        }

        public void Set(string[] path, string value, HoconOrigin origin)
        {
            var node = this;
            for (var i = 0; i < path.Length - 1; i++)
            {
                node = node.Child(path[i], origin);
            }

            var last = path[^1];
            if (node._children.TryGetValue(last, out var existing) && existing is Tree)
            {
                return;
            }

            if (!node._children.ContainsKey(last))
            {
                node._order.Add(last);
            }

            node._children[last] = value;
            node._origins[last] = origin;
        }

        private Tree Child(string key, HoconOrigin origin)
        {
            if (_children.TryGetValue(key, out var existing) && existing is Tree tree)
            {
                return tree;
            }

            if (existing is null)
            {
                _order.Add(key);
            }

            tree = new Tree(origin);
            _children[key] = tree;
            _origins[key] = origin;
            return tree;
        }

        public ObjectNode ToNode()
        {
            var node = new ObjectNode(_origin);
            foreach (var key in _order)
            {
                node.Add(key, _children[key] switch
                {
                    Tree tree => tree.ToNode(),
                    var value => new ValueNode(new HoconString((string)value, _origins[key])),
                });
            }

            return node;
        }
    }
}
