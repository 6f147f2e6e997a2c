namespace GossipActors.Hocon;

/// <summary>A key set by the user that the reference configuration does not have.</summary>
/// <param name="Path">The full path as written (an environment variable's key keeps its own spelling).</param>
/// <param name="Origin">Where it was set.</param>
/// <param name="Suggestion">The full path of the closest known sibling, or null.</param>
public sealed record UnknownSetting(string Path, HoconOrigin Origin, string? Suggestion)
{
    /// <summary><c>gossip.intervall is not a known setting (set at node.conf:2:3); did you mean gossip.interval?</c></summary>
    public string Message =>
        $"{Path} is not a known setting (set at {Origin.ToLocationString()})" +
        (Suggestion is null ? "; see hocon/reference.conf for every setting" : $"; did you mean {Suggestion}?");
}

/// <summary>
/// Finds settings that the reference configuration does not know, so a typo is refused instead of silently leaving
/// the default in force. The reference itself is the list of known keys. An object that is empty in the reference
/// (<c>gossip.application-states { }</c>) is a map the user fills with keys of their own: what is under it is not
/// checked. A value whose type differs from the reference's is left to the binder, which names the expected type.
/// </summary>
public static class UnknownSettings
{
    /// <summary>Every unknown key of <paramref name="config"/> under the top-level <paramref name="roots"/>, in document order.</summary>
    public static IReadOnlyList<UnknownSetting> Find(Config config, Config reference, IEnumerable<string> roots)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(roots);
        var found = new List<UnknownSetting>();
        foreach (var root in roots)
        {
            if (config.Root.TryGetValue(root, out var user) && user is HoconObject userObject &&
                reference.Root.TryGetValue(root, out var known) && known is HoconObject knownObject)
            {
                Compare(userObject, knownObject, [root], found);
            }
        }

        return found;
    }

    private static void Compare(HoconObject user, HoconObject known, List<string> prefix, List<UnknownSetting> found)
    {
        if (known.Count == 0)
        {
            return;
        }

        foreach (var (key, value) in user)
        {
            if (!known.TryGetValue(key, out var reference))
            {
                var suggestion = Suggestions.Closest(key, known.Keys);
                found.Add(new UnknownSetting(
                    HoconPath.Render([.. prefix, key]),
                    value.Origin,
                    suggestion is null ? null : HoconPath.Render([.. prefix, suggestion])));
                continue;
            }

            if (value is HoconObject userChild && reference is HoconObject knownChild)
            {
                prefix.Add(key);
                Compare(userChild, knownChild, prefix, found);
                prefix.RemoveAt(prefix.Count - 1);
            }
        }
    }
}
