namespace GossipActors.Hocon;

/// <summary>A string value, quoted or unquoted in the source.</summary>
public sealed class HoconString : HoconValue
{
    public HoconString(string value, HoconOrigin origin)
        : base(origin)
    {
        Value = value;
    }

    public string Value { get; }

    public override HoconValueType Type => HoconValueType.String;

    public override string ConcatenationText => Value;

    internal override HoconValue WithOrigin(HoconOrigin origin) => new HoconString(Value, origin);
}
