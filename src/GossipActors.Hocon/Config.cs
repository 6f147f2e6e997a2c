using System.Numerics;
using GossipActors.Hocon.Parsing;
using GossipActors.Hocon.Resolution;
using GossipActors.Hocon.Syntax;

namespace GossipActors.Hocon;

/// <summary>
/// An immutable configuration: a resolved object read through typed getters, or (when parsed with
/// <see cref="HoconParseOptions.Resolve"/> off) an unresolved document waiting for fallbacks and overrides.
/// Paths are HOCON path expressions such as <c>gossip.failure-detector.phi-convict-threshold</c>.
/// </summary>
public sealed class Config
{
    private readonly IReadOnlyList<Node> _layers;
    private readonly HoconObject? _root;
    private readonly HoconParseOptions _options;

    internal Config(IReadOnlyList<Node> layers, HoconObject? root, HoconParseOptions options)
    {
        _layers = root is null ? layers : [new ValueNode(root)];
        _root = root;
        _options = options;
    }

    internal Config(HoconObject root, HoconParseOptions options)
        : this([], root, options)
    {
    }

    /// <summary>The options this configuration was parsed with; resolution of derived configurations uses them too.</summary>
    internal HoconParseOptions Options => _options;

    /// <summary>A resolved configuration with no settings.</summary>
    public static Config Empty { get; } = new(new HoconObject([], new HoconOrigin("empty", 1, 1)), HoconParseOptions.Default);

    /// <summary>False until <see cref="Resolve"/> has replaced every substitution.</summary>
    public bool IsResolved => _root is not null;

    /// <summary>The resolved root object.</summary>
    /// <exception cref="ConfigException">The configuration is not resolved yet.</exception>
    public HoconObject Root => _root ?? throw NotResolved(string.Empty);

    /// <summary>
    /// Resolves substitutions against the whole configuration (this one and its fallbacks), falling back to
    /// environment variables unless <paramref name="options"/> say otherwise. A resolved config returns itself.
    /// </summary>
    /// <exception cref="HoconParseException">A substitution is undefined or part of a cycle, or a concatenation is invalid.</exception>
    public Config Resolve(HoconParseOptions? options = null)
    {
        if (_root is not null)
        {
            return this;
        }

        var effective = options ?? _options;
        return new Config(Resolver.Resolve(_layers, effective), effective);
    }

    /// <summary>
    /// This configuration with <paramref name="fallback"/> under it: settings here win; objects present in both merge.
    /// Two resolved configs merge as they are; if either is unresolved, the result is unresolved and substitutions
    /// on both sides will see the merged tree when it is resolved.
    /// </summary>
    public Config WithFallback(Config fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        if (_root is not null && fallback._root is not null)
        {
            return new Config(HoconObject.Merge(_root, fallback._root), _options);
        }

        return new Config([.. fallback._layers, .. _layers], null, _options);
    }

    /// <summary>
    /// This configuration with <paramref name="path"/> set to the HOCON value <paramref name="hoconValueText"/>, as if
    /// the line <c>path = text</c> came last: <c>WithValue("remote.mtu", "1422")</c>,
    /// <c>WithValue("gossip.seeds", "[\"10.0.0.1:7000\"]")</c>. An object value merges with the existing object.
    /// The text may use substitutions; a resolved config stays resolved.
    /// </summary>
    /// <exception cref="HoconParseException">The text is not a valid value, or does not resolve.</exception>
    /// <exception cref="ConfigException"><paramref name="path"/> is not a valid path expression.</exception>
    public Config WithValue(string path, string hoconValueText, string? originName = null)
    {
        ArgumentNullException.ThrowIfNull(hoconValueText);
        var keys = HoconPath.ParseToArray(path);
        var value = Parser.ParseValueText(hoconValueText, originName ?? $"value of {path}", keys);
        return WithLayer(keys, value);
    }

    /// <summary>This configuration with <paramref name="path"/> set to an already built value.</summary>
    public Config WithValue(string path, HoconValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return WithLayer(HoconPath.ParseToArray(path), new ValueNode(value));
    }

    private Config WithLayer(string[] keys, Node value)
    {
        for (var i = keys.Length - 1; i >= 1; i--)
        {
            var wrapper = new ObjectNode(value.Origin);
            wrapper.Add(keys[i], value);
            value = wrapper;
        }

        var top = new ObjectNode(value.Origin);
        top.Add(keys[0], value);
        var layered = new Config([.. _layers, top], null, _options);
        return IsResolved ? layered.Resolve() : layered;
    }

    /// <summary>True when <paramref name="path"/> holds a value other than null.</summary>
    public bool HasPath(string path) => TryFind(HoconPath.ParseToArray(path), out var value, out _, out _) && value is not HoconNull;

    /// <summary>The value at <paramref name="path"/> (never null: a HOCON null is a <see cref="HoconNull"/>), or false when absent.</summary>
    public bool TryGetValue(string path, out HoconValue value)
    {
        var found = TryFind(HoconPath.ParseToArray(path), out var hit, out _, out _);
        value = hit!;
        return found;
    }

    /// <summary>Where the value at <paramref name="path"/> was set (file:line:column, environment variable, --set), or null when absent.</summary>
    public HoconOrigin? OriginOf(string path) => TryGetValue(path, out var value) ? value.Origin : null;

    /// <summary>The value at <paramref name="path"/>, whatever its type.</summary>
    public HoconValue GetValue(string path) => Require(path, "value", allowNull: true);

    public string GetString(string path) => Conversions.AsString(path, Require(path, "string"));

    public string GetString(string path, string defaultValue) => Optional(path, out var v) ? Conversions.AsString(path, v) : defaultValue;

    public int GetInt(string path) => Conversions.AsInt(path, Require(path, "integer"));

    public int GetInt(string path, int defaultValue) => Optional(path, out var v) ? Conversions.AsInt(path, v) : defaultValue;

    public long GetLong(string path) => Conversions.AsLong(path, Require(path, "integer"), "integer");

    public long GetLong(string path, long defaultValue) => Optional(path, out var v) ? Conversions.AsLong(path, v, "integer") : defaultValue;

    public double GetDouble(string path) => Conversions.AsDouble(path, Require(path, "number"));

    public double GetDouble(string path, double defaultValue) => Optional(path, out var v) ? Conversions.AsDouble(path, v) : defaultValue;

    /// <summary>true/false, or the strings true, yes, on, false, no, off.</summary>
    public bool GetBoolean(string path) => Conversions.AsBoolean(path, Require(path, "boolean"));

    public bool GetBoolean(string path, bool defaultValue) => Optional(path, out var v) ? Conversions.AsBoolean(path, v) : defaultValue;

    /// <summary>A duration such as <c>500ms</c>, <c>5 s</c>, <c>2 minutes</c>; a bare number is milliseconds.</summary>
    public TimeSpan GetDuration(string path) => Conversions.AsDuration(path, Require(path, "duration"));

    public TimeSpan GetDuration(string path, TimeSpan defaultValue) => Optional(path, out var v) ? Conversions.AsDuration(path, v) : defaultValue;

    /// <summary>A size such as <c>16MiB</c>, <c>512K</c> (1024-based) or <c>10MB</c> (1000-based); a bare number is bytes.</summary>
    public long GetBytes(string path)
    {
        var value = Require(path, "size in bytes");
        var bytes = Conversions.AsByteSize(path, value);
        if (bytes < long.MinValue || bytes > long.MaxValue)
        {
            throw Conversions.WrongType(path, "size in bytes", value, "it does not fit in 64 bits; use GetByteSize");
        }

        return (long)bytes;
    }

    public long GetBytes(string path, long defaultValue) => Optional(path, out _) ? GetBytes(path) : defaultValue;

    /// <summary>A size in bytes of any magnitude (<c>1YB</c> is 10^24).</summary>
    public BigInteger GetByteSize(string path) => Conversions.AsByteSize(path, Require(path, "size in bytes"));

    /// <summary>A list of simple values read as strings; an object with numeric keys counts as a list.</summary>
    public IReadOnlyList<string> GetStringList(string path) => ListOf(path, "list of strings", Conversions.AsString);

    public IReadOnlyList<string> GetStringList(string path, IReadOnlyList<string> defaultValue) =>
        Optional(path, out _) ? GetStringList(path) : defaultValue;

    /// <summary>A list of integers (numbers or numeric strings).</summary>
    public IReadOnlyList<int> GetIntList(string path) => ListOf(path, "list of integers", Conversions.AsInt);

    /// <summary>A list of durations; bare numbers are milliseconds.</summary>
    public IReadOnlyList<TimeSpan> GetDurationList(string path) => ListOf(path, "list of durations", Conversions.AsDuration);

    /// <summary>A list of sizes in bytes.</summary>
    public IReadOnlyList<long> GetBytesList(string path) => ListOf(path, "list of sizes in bytes", (p, v) =>
    {
        var bytes = Conversions.AsByteSize(p, v);
        return bytes >= long.MinValue && bytes <= long.MaxValue
            ? (long)bytes
            : throw Conversions.WrongType(p, "size in bytes", v, "it does not fit in 64 bits; use GetByteSize");
    });

    private List<T> ListOf<T>(string path, string expected, Func<string, HoconValue, T> convert)
    {
        var list = Conversions.AsList(path, Require(path, expected), expected);
        var result = new List<T>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            var element = list[i];
            var elementPath = $"{path}[{i}]";
            if (element is HoconNull)
            {
                throw new ConfigException(elementPath, expected, element.Origin, $"{elementPath}: expected {expected} but the element is null (set at {element.Origin.ToLocationString()})");
            }

            result.Add(convert(elementPath, element));
        }

        return result;
    }

    /// <summary>A list of values of any type; an object with numeric keys counts as a list.</summary>
    public IReadOnlyList<HoconValue> GetList(string path) => Conversions.AsList(path, Require(path, "list"), "list");

    /// <summary>The object at <paramref name="path"/>.</summary>
    public HoconObject GetObject(string path) => Require(path, "object") as HoconObject
        ?? throw Conversions.WrongType(path, "object", GetValue(path));

    /// <summary>The object at <paramref name="path"/> as a configuration of its own (paths relative to it).</summary>
    public Config GetConfig(string path) => new(GetObject(path), _options);

    /// <summary>Every set, non-null value that is not an object, with its full path (lists count as one value).</summary>
    public IEnumerable<KeyValuePair<string, HoconValue>> Entries => Flatten(Root, []);

    /// <summary>The resolved configuration as JSON.</summary>
    public string ToJson(bool indented = true) => Rendering.JsonRenderer.Render(Root, indented);

    /// <summary>The resolved configuration as compact JSON.</summary>
    public override string ToString() => _root is null ? "unresolved configuration" : ToJson(indented: false);

    private static IEnumerable<KeyValuePair<string, HoconValue>> Flatten(HoconObject obj, List<string> prefix)
    {
        foreach (var (key, value) in obj)
        {
            prefix.Add(key);
            if (value is HoconObject child)
            {
                foreach (var entry in Flatten(child, prefix))
                {
                    yield return entry;
                }
            }
            else if (value is not HoconNull)
            {
                yield return new(HoconPath.Render(prefix), value);
            }

            prefix.RemoveAt(prefix.Count - 1);
        }
    }

    private bool TryFind(string[] keys, out HoconValue? value, out HoconValue nearest, out int depth)
    {
        HoconValue current = Root;
        nearest = current;
        depth = 0;
        foreach (var key in keys)
        {
            if (current is not HoconObject obj || !obj.TryGetValue(key, out var child))
            {
                value = null;
                return false;
            }

            current = child;
            depth++;
            nearest = current;
        }

        value = current;
        return true;
    }

    private HoconValue Require(string path, string expected, bool allowNull = false)
    {
        var keys = HoconPath.ParseToArray(path);
        if (_root is null)
        {
            throw NotResolved(path);
        }

        if (TryFind(keys, out var value, out var nearest, out var depth))
        {
            if (value is HoconNull && !allowNull)
            {
                throw new ConfigException(path, expected, value.Origin,
                    $"{path}: expected {expected} but the setting is null (set at {value.Origin.ToLocationString()})");
            }

            return value!;
        }

        throw Missing(path, keys, expected, nearest, depth);
    }

    /// <summary>For default overloads: false when the path is absent or null, so the default applies.</summary>
    private bool Optional(string path, out HoconValue value)
    {
        var keys = HoconPath.ParseToArray(path);
        if (_root is null)
        {
            throw NotResolved(path);
        }

        if (TryFind(keys, out var found, out var nearest, out var depth))
        {
            value = found!;
            return found is not HoconNull;
        }

        if (depth < keys.Length && nearest is not HoconObject && depth > 0)
        {
            // A parent exists but is not an object: that is a type error, not an absent setting.
            throw Missing(path, keys, "value", nearest, depth);
        }

        value = null!;
        return false;
    }

    private ConfigException Missing(string path, string[] keys, string expected, HoconValue nearest, int depth)
    {
        var parentPath = HoconPath.Render(keys.Take(depth));
        if (nearest is not HoconObject && depth > 0)
        {
            return new ConfigException(path, expected, nearest.Origin,
                $"{path}: expected {expected} but {parentPath} is a {nearest.TypeName} (set at {nearest.Origin.ToLocationString()}), not an object");
        }

        var parent = (HoconObject)nearest;
        var missingKey = keys[depth];
        var suggestion = Suggestions.Closest(missingKey, parent.Keys);
        var where = depth == 0 ? $"in {Root.Origin.Description}" : $"under {parentPath} (defined at {parent.Origin})";
        var hint = suggestion is null ? string.Empty : $"; did you mean {HoconPath.Render(keys.Take(depth).Append(suggestion))}?";
        return new ConfigException(path, expected, parent.Origin,
            $"{path}: expected {expected} but there is no setting '{missingKey}' {where}{hint}");
    }

    private static ConfigException NotResolved(string path) => new(path, "resolved configuration", null,
        $"{(path.Length > 0 ? path + ": " : string.Empty)}the configuration has unresolved substitutions; call Resolve() (or HoconConfig.LoadWithDefaults) before reading it");

}
