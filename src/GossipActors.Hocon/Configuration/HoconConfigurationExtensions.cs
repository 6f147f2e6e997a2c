using System.Globalization;
using GossipActors.Hocon.Configuration;
using Microsoft.Extensions.Configuration;

namespace GossipActors.Hocon;

/// <summary>
/// Layers a Microsoft.Extensions.Configuration <see cref="IConfiguration"/> (environment variables such as
/// <c>GOSSIP__SEEDS</c>, command-line switches such as <c>--remote:port=7100</c>) over a HOCON <see cref="Config"/>,
/// the way Akka.Hosting layers IConfiguration over HOCON.
/// <para>
/// Precedence, highest first: the <see cref="IConfiguration"/> (within it, its own order: later providers win, so
/// build it with AddEnvironmentVariables() then AddCommandLine(args)); then the HOCON configuration; then whatever
/// fallback (reference.conf) the HOCON configuration already has.
/// </para>
/// </summary>
public static class HoconConfigurationExtensions
{
    /// <summary>
    /// Returns <paramref name="config"/> with every value of <paramref name="overrides"/> set over it.
    /// <list type="bullet">
    /// <item>Keys match HOCON keys exactly, else ignoring case, else also treating '_' as '-'
    /// (<c>GOSSIP__FAILURE_DETECTOR__PHI_CONVICT_THRESHOLD</c> sets <c>gossip.failure-detector.phi-convict-threshold</c>).
    /// Keys that match nothing are kept as written.</item>
    /// <item>When <paramref name="knownRootsOnly"/> (the default), only keys whose first segment names an existing
    /// top-level object are applied, so PATH, HOME and the rest of the environment stay out.</item>
    /// <item>A list setting is replaced as a whole: by index children (<c>GOSSIP__SEEDS__0</c>, <c>GOSSIP__SEEDS__1</c>),
    /// or by one value that is either a HOCON list (<c>["a:7000","b:7000"]</c>) or a comma-separated list
    /// (<c>a:7000,b:7000</c>).</item>
    /// <item>Every other value is set as a string; the typed getters convert it (<c>"1422"</c> reads as an int).</item>
    /// </list>
    /// Which settings are lists is taken from <paramref name="config"/> when it is resolved, otherwise from reference.conf.
    /// Overridden values carry the source that set them ("environment variable GOSSIP__SEEDS", "command-line switch
    /// --gossip:seeds", "appsettings.json key gossip:seeds", else "configuration key KEY"), so diagnostics show where
    /// they came from.
    /// </summary>
    /// <param name="config">The configuration to set the values over.</param>
    /// <param name="overrides">Environment variables, command line, appsettings.json….</param>
    /// <param name="knownRootsOnly">Apply only keys under a top-level object that exists (or is in <paramref name="alsoKnownRoots"/>).</param>
    /// <param name="alsoKnownRoots">
    /// Top-level names applied although no object has them, matched ignoring case: sections that existed once, so a
    /// variable such as <c>ACTORS__ASK_TIMEOUT</c> reaches the check that explains their removal instead of vanishing.
    /// </param>
    public static Config WithOverrides(this Config config, IConfiguration overrides, bool knownRootsOnly = true, IReadOnlyCollection<string>? alsoKnownRoots = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(overrides);
        var hints = config.IsResolved ? config.Root : HoconConfig.Reference.Root;
        var fields = new List<KeyValuePair<string, HoconValue>>();
        foreach (var section in overrides.GetChildren())
        {
            var key = MatchKey(section.Key, hints)
                ?? alsoKnownRoots?.FirstOrDefault(root => string.Equals(root, section.Key, StringComparison.OrdinalIgnoreCase));
            if (knownRootsOnly && key is null)
            {
                continue;
            }

            var existing = key is not null && hints.TryGetValue(key, out var found) ? found : null;
            var value = Convert(section, existing, overrides as IConfigurationRoot);
            if (value is not null)
            {
                fields.Add(new(key ?? section.Key, value));
            }
        }

        if (fields.Count == 0)
        {
            return config;
        }

        var layer = new Config(new HoconObject(fields, new HoconOrigin("configuration overrides", 0, 0)), config.Options);
        return layer.WithFallback(config);
    }

    private static HoconValue? Convert(IConfigurationSection section, HoconValue? existing, IConfigurationRoot? root)
    {
        var origin = new HoconOrigin(ConfigurationSourceNames.Describe(root, section.Path), 0, 0);
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
        {
            return section.Value is null ? null : Leaf(section.Value, existing, origin);
        }

        var indexed = children.All(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _));
        if (indexed && existing is not HoconObject)
        {
            var items = children
                .OrderBy(c => int.Parse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture))
                .Select(c => Convert(c, existing: null, root))
                .OfType<HoconValue>();
            return new HoconArray(items, origin);
        }

        var existingObject = existing as HoconObject;
        var fields = new List<KeyValuePair<string, HoconValue>>();
        foreach (var child in children)
        {
            var key = existingObject is null ? null : MatchKey(child.Key, existingObject);
            var childExisting = key is not null && existingObject!.TryGetValue(key, out var found) ? found : null;
            var value = Convert(child, childExisting, root);
            if (value is not null)
            {
                fields.Add(new(key ?? child.Key, value));
            }
        }

        return new HoconObject(fields, origin);
    }

    private static HoconValue Leaf(string text, HoconValue? existing, HoconOrigin origin)
    {
        if (existing is not HoconArray)
        {
            return new HoconString(text, origin);
        }

        var trimmed = text.Trim();
        if (trimmed.StartsWith('['))
        {
            var parsed = Config.Empty.WithValue("list", trimmed, origin.Description).Root["list"];
            return parsed.WithOrigin(origin);
        }

        var items = trimmed.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(item => (HoconValue)new HoconString(item, origin));
        return new HoconArray(items, origin);
    }

    private static string? MatchKey(string key, HoconObject candidates)
    {
        if (candidates.ContainsKey(key))
        {
            return key;
        }

        var ignoringCase = candidates.Keys.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
        if (ignoringCase is not null)
        {
            return ignoringCase;
        }

        var normalized = Normalize(key);
        return candidates.Keys.FirstOrDefault(k => Normalize(k) == normalized);
    }

    private static string Normalize(string key) => key.Replace('_', '-').ToLowerInvariant();
}
