using GossipActors.Hocon;

namespace GossipActors.Hosting.Configuration;

/// <summary>
/// Which settings exist: those of hocon/reference.conf, the one list. Every top-level section there other than
/// <c>akka</c> is ours (gossip, remote, admin), and a key under it that reference.conf lacks is refused with the
/// closest known key; <c>akka</c> belongs to Akka.NET, which has settings of its own and checks them itself. An object
/// that is empty in reference.conf (<c>gossip.application-states { }</c>) is a map whose keys the user chooses.
/// </summary>
public static class KnownSettings
{
    /// <summary>Akka.NET's section: its keys are Akka's business.</summary>
    public const string AkkaSection = "akka";

    /// <summary>Sections that existed once: a file still using one gets the reason instead of silence.</summary>
    private static readonly Dictionary<string, string> RetiredSections = new(StringComparer.Ordinal)
    {
        ["actors"] = "the actors section was removed when GossipActors moved onto Akka.NET; the actor system is configured under akka.actor (e.g. akka.actor.ask-timeout)",
    };

    /// <summary>Sections that existed once: environment variables and switches under them are read, to be refused with the reason.</summary>
    public static IReadOnlyCollection<string> RetiredSectionNames => RetiredSections.Keys;

    /// <summary>The sections whose keys are checked, read from reference.conf.</summary>
    public static IReadOnlyList<string> CheckedSections { get; } =
        [.. HoconConfig.Reference.Root.Keys.Where(key => key != AkkaSection)];

    /// <summary>One message per unknown or retired setting in <paramref name="config"/>, each naming where it was set.</summary>
    public static IReadOnlyList<string> FindUnknown(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var messages = new List<string>();
        foreach (var (section, reason) in RetiredSections)
        {
            if (config.Root.TryGetValue(section, out var value))
            {
                messages.Add($"{section} is not a known setting (set at {WhereSet(value).ToLocationString()}): {reason}");
            }
        }

        messages.AddRange(UnknownSettings.Find(config, HoconConfig.Reference, CheckedSections).Select(unknown => unknown.Message));
        return messages;
    }

    /// <summary>
    /// Where the first value inside <paramref name="value"/> was set: a section built from environment variables has
    /// no place of its own, its leaves do (<c>environment variable ACTORS__THROUGHPUT</c>).
    /// </summary>
    private static HoconOrigin WhereSet(HoconValue value) =>
        value is HoconObject section && section.Values.FirstOrDefault() is { } first && section.Origin.Line == 0 ? WhereSet(first) : value.Origin;
}
