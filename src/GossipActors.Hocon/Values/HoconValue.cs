namespace GossipActors.Hocon;

/// <summary>
/// A fully resolved HOCON value (no substitutions left). Values are immutable and may be shared between
/// several places of a tree when one substitution is used many times.
/// </summary>
public abstract class HoconValue
{
    private protected HoconValue(HoconOrigin origin)
    {
        Origin = origin;
    }

    /// <summary>Where this value was written.</summary>
    public HoconOrigin Origin { get; }

    public abstract HoconValueType Type { get; }

    /// <summary>Number of values in this tree counting shared subtrees each time they appear (saturating).</summary>
    internal virtual long TreeSize => 1;

    /// <summary>Lower-case type name used in messages ("number", "object", ...).</summary>
    public string TypeName => Type switch
    {
        HoconValueType.Object => "object",
        HoconValueType.Array => "list",
        HoconValueType.String => "string",
        HoconValueType.Number => "number",
        HoconValueType.Boolean => "boolean",
        _ => "null",
    };

    /// <summary>
    /// The text a simple value contributes to a string concatenation; numbers keep the spelling of the file.
    /// Null for objects and lists, which cannot be part of a string.
    /// </summary>
    public abstract string? ConcatenationText { get; }

    /// <summary>The value as JSON: objects keep definition order, numbers keep the spelling of the source.</summary>
    public string ToJson(bool indented = true) => Rendering.JsonRenderer.Render(this, indented);

    /// <summary>The value as compact JSON.</summary>
    public override string ToString() => Rendering.JsonRenderer.Render(this, indented: false);

    internal abstract HoconValue WithOrigin(HoconOrigin origin);
}
