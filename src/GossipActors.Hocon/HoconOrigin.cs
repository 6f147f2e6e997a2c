namespace GossipActors.Hocon;

/// <summary>Where a value was written: a file (or other source) and a 1-based line and column.</summary>
/// <param name="Description">File path, "string", "environment variable NAME", ...</param>
/// <param name="Line">1-based line, or 0 when the source has no lines (environment variables).</param>
/// <param name="Column">1-based column, or 0 when unknown.</param>
public sealed record HoconOrigin(string Description, int Line, int Column)
{
    /// <summary><c>file:line</c>, or just the description when there is no line.</summary>
    public override string ToString() => Line > 0 ? $"{Description}:{Line}" : Description;

    /// <summary><c>file:line:column</c> for messages that point at a character.</summary>
    public string ToLocationString() => Line > 0 ? $"{Description}:{Line}:{Math.Max(Column, 1)}" : Description;
}
