namespace GossipActors.Hocon.Parsing;

/// <summary>
/// Where the parser stands between an object's fields or a list's elements: whether a separator (comma or,
/// outside JSON, a newline) must come before the next one, whether the last token was a comma, and whether
/// any element was parsed yet. Objects and lists follow the same rules, so they share this.
/// </summary>
internal struct ElementSeparation
{
    public bool NeedSeparator;
    public bool CommaAfterElement;
    public bool AnyElement;

    public void ElementParsed()
    {
        AnyElement = true;
        NeedSeparator = true;
        CommaAfterElement = false;
    }
}
