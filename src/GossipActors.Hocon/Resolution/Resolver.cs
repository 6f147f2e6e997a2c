using System.Runtime.CompilerServices;
using GossipActors.Hocon.Syntax;

namespace GossipActors.Hocon.Resolution;

/// <summary>
/// Turns unresolved layers into one resolved object.
/// <para>
/// A path is looked up through a <em>view</em>: the list of definitions (layers) that can contribute to it, oldest
/// first. Substitutions look forward: they see the final merged value of their target, evaluated lazily and
/// memoised per substitution. While a field's definition is being evaluated, lookups that reach that field (or
/// go below it) only see the definitions under the one being evaluated; that is how <c>a = ${a} [x]</c> and
/// <c>+=</c> build on earlier values. Anything else that comes back to a definition still being evaluated is a cycle.
/// </para>
/// </summary>
internal sealed class Resolver
{
    private const int MaxDepth = 2000;

    /// <summary>Concatenations can double a value per line; stop before a small file eats the machine.</summary>
    private const long MaxProducedSize = 4_000_000;

    private readonly IReadOnlyList<Node> _root;
    private readonly HoconParseOptions _options;
    private readonly Dictionary<Node, HoconValue?> _memo = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<Node> _inProgress = new(ReferenceEqualityComparer.Instance);
    private readonly List<(string[] Path, Node Layer)> _cutoffs = [];
    private readonly List<SubstitutionNode> _active = [];
    private int _depth;
    private long _produced;

    private Resolver(IReadOnlyList<Node> root, HoconParseOptions options)
    {
        _root = root;
        _options = options;
    }

    /// <summary>Resolves the merge of <paramref name="layers"/> (oldest first); errors are <see cref="HoconParseException"/>s.</summary>
    public static HoconObject Resolve(IReadOnlyList<Node> layers, HoconParseOptions options)
    {
        var resolver = new Resolver(layers, options);
        try
        {
            var root = resolver.ResolveView(layers, []) as HoconObject
                ?? new HoconObject([], layers.Count > 0 ? layers[^1].Origin : new HoconOrigin("empty", 1, 1));
            return root.TreeSize <= MaxProducedSize ? root : throw TooLarge(root);
        }
        catch (CycleException cycle)
        {
            throw HoconParseException.At(cycle.Origin, cycle.Reason);
        }
    }

    /// <summary>
    /// Substitutions can share one value in many places; a handful of lines can describe a tree too big to render.
    /// Points at the largest branch so the user finds the repetition.
    /// </summary>
    private static HoconParseException TooLarge(HoconObject root)
    {
        HoconValue largest = root;
        var path = new List<string>();
        while (true)
        {
            var (key, child) = largest switch
            {
                HoconObject obj => obj.Select(f => (f.Key, f.Value)).MaxBy(f => f.Value.TreeSize),
                HoconArray array => array.Select((v, i) => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), v)).MaxBy(f => f.v.TreeSize),
                _ => (null, null),
            };
            if (child is null || child.TreeSize <= MaxProducedSize / 2)
            {
                break;
            }

            path.Add(key!);
            largest = child;
        }

        return HoconParseException.At(largest.Origin,
            $"the resolved configuration would hold more than {MaxProducedSize:N0} values (largest at {HoconPath.Render(path)}); substitutions repeat a large value too many times");
    }

    private enum LayerKind
    {
        Undefined,
        RawObject,
        ResolvedObject,
        Other,
    }

    private readonly record struct Classified(LayerKind Kind, HoconValue? Value);

    private Classified Classify(Node layer, string[]? path)
    {
        switch (layer)
        {
            case ObjectNode:
                return new(LayerKind.RawObject, null);
            case ValueNode { Value: HoconObject obj }:
                return new(LayerKind.ResolvedObject, obj);
            case ValueNode value:
                return new(LayerKind.Other, value.Value);
            case ArrayNode:
                return new(LayerKind.Other, null);
            default:
                var evaluated = EvaluateLayer(layer, path);
                return evaluated switch
                {
                    null => new(LayerKind.Undefined, null),
                    HoconObject obj => new(LayerKind.ResolvedObject, obj),
                    _ => new(LayerKind.Other, evaluated),
                };
        }
    }

    /// <summary>The definitions of <paramref name="key"/> inside the objects of <paramref name="view"/>, oldest first.</summary>
    private List<Node> ChildView(IReadOnlyList<Node> view, string key, string[]? parentPath)
    {
        var collected = new List<Node>();
        for (var i = view.Count - 1; i >= 0; i--)
        {
            var layer = view[i];
            var classified = Classify(layer, parentPath);
            if (classified.Kind == LayerKind.Undefined)
            {
                continue;
            }

            if (classified.Kind == LayerKind.Other)
            {
                break;
            }

            if (layer is ObjectNode raw)
            {
                if (raw.TryGetStack(key, out var stack))
                {
                    for (var j = stack.Count - 1; j >= 0; j--)
                    {
                        collected.Add(stack[j]);
                    }
                }
            }
            else if (((HoconObject)classified.Value!).TryGetValue(key, out var child))
            {
                collected.Add(new ValueNode(child));
            }
        }

        collected.Reverse();
        return collected;
    }

    /// <summary>The view of <paramref name="path"/> from the root, honouring the definitions being evaluated.</summary>
    private List<Node> Navigate(string[] path)
    {
        IReadOnlyList<Node> view = _root;
        var result = new List<Node>(_root);
        for (var i = 0; i < path.Length; i++)
        {
            result = ChildView(view, path[i], path[..i]);
            ApplyCutoffs(result, path, i + 1);
            if (result.Count == 0)
            {
                return result;
            }

            view = result;
        }

        return result;
    }

    private void ApplyCutoffs(List<Node> view, string[] path, int length)
    {
        for (var c = _cutoffs.Count - 1; c >= 0; c--)
        {
            var (cutPath, layer) = _cutoffs[c];
            if (cutPath.Length != length || !SamePrefix(cutPath, path, length))
            {
                continue;
            }

            var index = IndexOfReference(view, layer);
            if (index >= 0)
            {
                view.RemoveRange(index, view.Count - index);
            }
        }
    }

    private HoconValue? ResolveView(IReadOnlyList<Node> view, string[]? path)
    {
        // Most settings are a single literal: no merging, nothing to evaluate.
        if (view.Count == 1 && view[0] is ValueNode { Value: not HoconObject } single)
        {
            return single.Value;
        }

        var origin = view.Count > 0 ? view[^1].Origin : null;
        Enter(origin);
        try
        {
            List<Node>? objects = null;
            for (var i = view.Count - 1; i >= 0; i--)
            {
                var layer = view[i];
                var classified = Classify(layer, path);
                switch (classified.Kind)
                {
                    case LayerKind.Undefined:
                        continue;
                    case LayerKind.RawObject:
                        (objects ??= []).Add(layer);
                        continue;
                    case LayerKind.ResolvedObject:
                        (objects ??= []).Add(layer is ValueNode ? layer : new ValueNode(classified.Value!));
                        continue;
                }

                if (objects is null)
                {
                    return layer is ArrayNode array ? ResolveArray(array) : classified.Value;
                }

                break;
            }

            switch (objects)
            {
                case null:
                    return null;
                case [ValueNode { Value: HoconObject only }]:
                    return only;
                case [ObjectNode alone]:
                    return ResolveObject(alone, path);
            }

            objects.Reverse();
            return MergeObjects(objects, path);
        }
        finally
        {
            _depth--;
        }
    }

    /// <summary>One object with nothing under it: each key's merge stack is already its view.</summary>
    private HoconObject ResolveObject(ObjectNode obj, string[]? path)
    {
        var fields = new List<KeyValuePair<string, HoconValue>>(obj.Count);
        foreach (var key in obj.Keys)
        {
            obj.TryGetStack(key, out var stack);
            var value = ResolveView(stack!, path is null ? null : Append(path, key));
            if (value is not null)
            {
                fields.Add(new(key, value));
            }
        }

        return new HoconObject(fields, obj.Origin);
    }

    private HoconObject MergeObjects(List<Node> objects, string[]? path)
    {
        var keys = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var layer in objects)
        {
            var layerKeys = layer is ObjectNode raw ? raw.Keys : ((HoconObject)((ValueNode)layer).Value).Keys;
            foreach (var key in layerKeys)
            {
                if (seen.Add(key))
                {
                    keys.Add(key);
                }
            }
        }

        var fields = new List<KeyValuePair<string, HoconValue>>(keys.Count);
        foreach (var key in keys)
        {
            var childPath = path is null ? null : Append(path, key);
            var value = ResolveView(ChildView(objects, key, path), childPath);
            if (value is not null)
            {
                fields.Add(new(key, value));
            }
        }

        return new HoconObject(fields, objects[^1].Origin);
    }

    private HoconArray ResolveArray(ArrayNode array)
    {
        Enter(array.Origin);
        try
        {
            var items = new List<HoconValue>(array.Items.Count);
            foreach (var item in array.Items)
            {
                var value = ResolveStandalone(item);
                if (value is not null)
                {
                    items.Add(value);
                }
            }

            return new HoconArray(items, array.Origin);
        }
        finally
        {
            _depth--;
        }
    }

    /// <summary>A node that is not a field definition (a list element or a piece of a concatenation).</summary>
    private HoconValue? ResolveStandalone(Node node, string[]? path = null) => node switch
    {
        ObjectNode obj => ResolveView([obj], path),
        ArrayNode array => ResolveArray(array),
        ValueNode value => value.Value,
        _ => EvaluateLayer(node, cutoffPath: null, concatenationPath: path),
    };

    /// <summary>
    /// Evaluates a substitution or concatenation once. With <paramref name="cutoffPath"/> the node is a definition of
    /// that field, and while it is evaluated, lookups of the field see only the definitions below it.
    /// </summary>
    private HoconValue? EvaluateLayer(Node node, string[]? cutoffPath, string[]? concatenationPath = null)
    {
        if (_memo.TryGetValue(node, out var known))
        {
            return known;
        }

        if (!_inProgress.Add(node))
        {
            throw Cycle(node);
        }

        Enter(node.Origin);
        if (cutoffPath is not null)
        {
            _cutoffs.Add((cutoffPath, node));
        }

        HoconValue? result;
        try
        {
            result = node switch
            {
                SubstitutionNode substitution => LookupSubstitution(substitution),
                ConcatenationNode concatenation => EvaluateConcatenation(concatenation, cutoffPath ?? concatenationPath),
                _ => throw new System.Diagnostics.UnreachableException($"{node.GetType().Name} is not evaluated"),
            };
        }
        finally
        {
            if (cutoffPath is not null)
            {
                _cutoffs.RemoveAt(_cutoffs.Count - 1);
            }

            _inProgress.Remove(node);
            _depth--;
        }

        _memo[node] = result;
        return result;
    }

    private HoconValue? LookupSubstitution(SubstitutionNode substitution)
    {
        _active.Add(substitution);
        try
        {
            var value = Lookup(substitution.Path);
            if (value is null && substitution.FallbackPath is not null)
            {
                value = Lookup(substitution.FallbackPath);
            }

            if (value is null)
            {
                var name = substitution.EnvironmentName;
                var environment = _options.LookupEnvironment(name);
                if (environment is not null)
                {
                    value = new HoconString(environment, new HoconOrigin($"environment variable {name}", 0, 0));
                }
            }

            if (value is null && !substitution.Optional)
            {
                throw HoconParseException.At(substitution.Origin, UndefinedReason(substitution));
            }

            return value;
        }
        catch (CycleException) when (substitution.Optional)
        {
            // The spec: a cycle reached through ${?x} counts as x being undefined.
            return null;
        }
        finally
        {
            _active.RemoveAt(_active.Count - 1);
        }
    }

    private HoconValue? Lookup(string[] path)
    {
        var view = Navigate(path);
        return view.Count == 0 ? null : ResolveView(view, path);
    }

    private string UndefinedReason(SubstitutionNode substitution)
    {
        var path = HoconPath.Render(substitution.Path);
        var selfReference = _cutoffs.Any(c => c.Path.Length <= substitution.Path.Length
            && SamePrefix(c.Path, substitution.Path, c.Path.Length));
        if (selfReference && _active.Count > 1)
        {
            var chain = string.Join(" -> ", _active.Select(s => $"{s.Expression} ({s.Origin.ToLocationString()})"));
            return $"substitution cycle: {chain} leads back to {path}, which is still being resolved and has no earlier value to fall back on";
        }

        if (selfReference)
        {
            return $"substitution {substitution.Expression} refers to the setting being defined ({path}), a cycle, and there is no earlier value of it to build on; use ${{?{path}}} if it may be absent";
        }

        var fallback = substitution.FallbackPath is null ? string.Empty : $" nor at {HoconPath.Render(substitution.FallbackPath)}";
        var environment = _options.UseEnvironmentVariables ? $", and no environment variable {substitution.EnvironmentName} is set" : string.Empty;
        return $"could not resolve substitution {substitution.Expression}: there is no setting at {path}{fallback}{environment}; use ${{?...}} if it may be absent";
    }

    private HoconValue? EvaluateConcatenation(ConcatenationNode concatenation, string[]? path)
    {
        var parts = new List<(Node Piece, HoconValue? Value)>(concatenation.Pieces.Count);
        foreach (var piece in concatenation.Pieces)
        {
            parts.Add((piece, piece is WhitespaceNode ? null : ResolveStandalone(piece, path)));
        }

        return Concatenation.Combine(parts, concatenation.Origin, AddProduced);
    }

    private void AddProduced(long size, HoconOrigin origin)
    {
        _produced += size;
        if (_produced > MaxProducedSize)
        {
            throw HoconParseException.At(origin,
                $"concatenations produce more than {MaxProducedSize:N0} characters or elements; a substitution is probably repeated into itself");
        }
    }

    private void Enter(HoconOrigin? origin)
    {
        _depth++;
        if (_depth > MaxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            _depth--;
            throw HoconParseException.At(origin ?? new HoconOrigin("configuration", 1, 1),
                "substitutions and nesting go too deep to resolve (a very long chain of substitutions?)");
        }
    }

    private CycleException Cycle(Node node)
    {
        var chain = _active.Count == 0
            ? node.Origin.ToLocationString()
            : string.Join(" -> ", _active.Select(s => $"{s.Expression} ({s.Origin.ToLocationString()})"));
        var at = _active.Count > 0 ? _active[^1].Origin : node.Origin;
        return new CycleException(at,
            $"substitution cycle: {chain} comes back to a value that is still being resolved; an object or list cannot contain a reference to itself, and a chain of references must end in a value");
    }

    private static bool SamePrefix(string[] a, string[] b, int length)
    {
        for (var i = 0; i < length; i++)
        {
            if (!string.Equals(a[i], b[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static int IndexOfReference(List<Node> view, Node layer)
    {
        for (var i = 0; i < view.Count; i++)
        {
            if (ReferenceEquals(view[i], layer))
            {
                return i;
            }
        }

        return -1;
    }

    private static string[] Append(string[] path, string key)
    {
        var result = new string[path.Length + 1];
        path.CopyTo(result, 0);
        result[^1] = key;
        return result;
    }

    private sealed class CycleException : Exception
    {
        public CycleException(HoconOrigin origin, string reason)
            : base(reason)
        {
            Origin = origin;
            Reason = reason;
        }

        public HoconOrigin Origin { get; }

        public string Reason { get; }
    }
}
