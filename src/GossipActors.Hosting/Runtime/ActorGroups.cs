namespace GossipActors.Hosting.Runtime;

/// <summary>
/// Names the group an actor belongs to for tpstats: <c>/user/gossip/endpoints/10.0.0.1:7000</c> is in
/// <c>gossip/endpoints</c>, <c>/user/gossip/failure-detector</c> in <c>gossip/failure-detector</c>, and numbered or
/// per-peer siblings collapse (<c>/user/remote/outbound-10.0.0.1_7000</c> is in <c>remote/outbound</c>, its
/// <c>framer</c> child in <c>remote/outbound/framer</c>).
/// System actors keep a <c>system/</c> prefix.
/// </summary>
public static class ActorGroups
{
    public static string Of(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var elements = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (elements.Length == 0)
        {
            return "/";
        }

        var system = elements[0] == "system";
        var rest = elements[0] is "user" or "system" ? elements[1..] : elements;
        if (rest.Length == 0)
        {
            return elements[0];
        }

        string group;
        if (rest.Length >= 3)
        {
            // Under a per-instance actor (outbound-<peer>/framer) the child keeps its name and the instance
            // collapses; under a plain parent (gossip/endpoints/<peer>) the instances themselves collapse.
            var instance = Stem(rest[1]);
            group = instance != rest[1]
                ? string.Join('/', new[] { rest[0], instance }.Concat(rest[2..].Select(Stem)))
                : $"{rest[0]}/{rest[1]}";
        }
        else
        {
            group = string.Join('/', rest.Select((name, i) => i == rest.Length - 1 && rest.Length > 1 ? Stem(name) : name));
        }
        return system ? "system/" + group : group;
    }

    // "round-17", "inbound-3", "outbound-10.0.0.1_7000" -> their prefix; "failure-detector" stays whole.
    private static string Stem(string name)
    {
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && name.AsSpan(dash + 1).IndexOfAnyInRange('0', '9') >= 0 ? name[..dash] : name;
    }
}
