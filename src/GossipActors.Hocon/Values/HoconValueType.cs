namespace GossipActors.Hocon;

/// <summary>The JSON type of a resolved HOCON value.</summary>
public enum HoconValueType
{
    Object,
    Array,
    String,
    Number,
    Boolean,
    Null,
}
