namespace GossipActors.Hocon.Parsing;

internal enum IncludeKind
{
    /// <summary><c>include "name"</c>: a URL if it looks like one, otherwise a file next to the including file.</summary>
    Heuristic,

    /// <summary><c>include file("name")</c>: a file relative to the working directory.</summary>
    File,

    Url,
    Classpath,
}

/// <summary>One parsed include statement.</summary>
internal sealed record IncludeSpec(string Name, IncludeKind Kind, bool Required, HoconOrigin Origin);
