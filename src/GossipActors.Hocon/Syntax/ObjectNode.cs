using System.Diagnostics.CodeAnalysis;

namespace GossipActors.Hocon.Syntax;

/// <summary>
/// An object as parsed. Each key holds a merge stack: every definition of the key that can still matter,
/// oldest first. Later definitions win; objects merge with what lies below them; self-references look below.
/// </summary>
internal sealed class ObjectNode : Node
{
    private readonly Dictionary<string, List<Node>> _fields = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public ObjectNode(HoconOrigin origin)
        : base(origin)
    {
    }

    public IReadOnlyList<string> Keys => _order;

    public int Count => _order.Count;

    public bool TryGetStack(string key, [MaybeNullWhen(false)] out List<Node> stack) => _fields.TryGetValue(key, out stack);

    /// <summary>Adds one more definition of <paramref name="key"/>, as if written after the existing ones.</summary>
    public void Add(string key, Node value)
    {
        if (!_fields.TryGetValue(key, out var stack))
        {
            stack = [];
            _fields[key] = stack;
            _order.Add(key);
        }

        Push(stack, value);
    }

    /// <summary>Adds every definition of every key of <paramref name="other"/> after the existing ones.</summary>
    public void MergeFrom(ObjectNode other)
    {
        foreach (var key in other._order)
        {
            foreach (var layer in other._fields[key])
            {
                Add(key, layer);
            }
        }
    }

    private static void Push(List<Node> stack, Node layer)
    {
        switch (layer)
        {
            case ObjectNode obj when stack.Count > 0 && stack[^1] is ObjectNode top:
                // Two adjacent literal objects merge now; the result is the same as merging them later.
                top.MergeFrom(obj);
                break;
            case ObjectNode:
            case SubstitutionNode:
            case ConcatenationNode:
            case ValueNode { Value: HoconObject }:
                stack.Add(layer);
                break;
            default:
                // A literal non-object hides everything below it for good: nothing can look under it
                // except self-references written above it, which then see this literal.
                stack.Clear();
                stack.Add(layer);
                break;
        }
    }
}
