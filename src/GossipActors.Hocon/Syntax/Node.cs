namespace GossipActors.Hocon.Syntax;

/// <summary>
/// A piece of the unresolved document as the parser produced it. Resolution turns a tree of nodes into
/// <see cref="HoconValue"/>s. Nodes are only mutated while their own document is being parsed.
/// </summary>
internal abstract class Node
{
    protected Node(HoconOrigin origin)
    {
        Origin = origin;
    }

    public HoconOrigin Origin { get; }
}

/// <summary>A value that needs no resolution: a scalar, or a resolved object or list taken from elsewhere.</summary>
internal sealed class ValueNode : Node
{
    public ValueNode(HoconValue value)
        : base(value.Origin)
    {
        Value = value;
    }

    public HoconValue Value { get; }
}

/// <summary>A list whose elements may still contain substitutions.</summary>
internal sealed class ArrayNode : Node
{
    public ArrayNode(List<Node> items, HoconOrigin origin)
        : base(origin)
    {
        Items = items;
    }

    public List<Node> Items { get; }
}

/// <summary><c>${path}</c> or <c>${?path}</c>.</summary>
internal sealed class SubstitutionNode : Node
{
    public SubstitutionNode(string[] path, string[]? fallbackPath, bool optional, string expression, HoconOrigin origin)
        : base(origin)
    {
        Path = path;
        FallbackPath = fallbackPath;
        Optional = optional;
        Expression = expression;
    }

    /// <summary>Absolute path from the root of the whole configuration.</summary>
    public string[] Path { get; }

    /// <summary>
    /// For substitutions in an included file: the path as written, looked up from the root when the
    /// re-rooted <see cref="Path"/> is not found (the spec's "second" lookup). Null otherwise.
    /// </summary>
    public string[]? FallbackPath { get; }

    public bool Optional { get; }

    /// <summary>The expression as the user wrote it, for messages.</summary>
    public string Expression { get; }

    /// <summary>The environment variable name this substitution falls back to.</summary>
    public string EnvironmentName => string.Join('.', FallbackPath ?? Path);
}

/// <summary>Non-newline whitespace between two pieces of a concatenation; kept only when the result is a string.</summary>
internal sealed class WhitespaceNode : Node
{
    public WhitespaceNode(string text, HoconOrigin origin)
        : base(origin)
    {
        Text = text;
    }

    public string Text { get; }
}

/// <summary>Several values on one line whose result depends on substitutions: a string, a list or an object.</summary>
internal sealed class ConcatenationNode : Node
{
    public ConcatenationNode(List<Node> pieces, HoconOrigin origin)
        : base(origin)
    {
        Pieces = pieces;
    }

    public List<Node> Pieces { get; }
}
