namespace GossipActors.Hocon;

/// <summary>The literal <c>true</c> or <c>false</c>.</summary>
public sealed class HoconBoolean : HoconValue
{
    public HoconBoolean(bool value, HoconOrigin origin)
        : base(origin)
    {
        Value = value;
    }

    public bool Value { get; }

    public override HoconValueType Type => HoconValueType.Boolean;

    public override string ConcatenationText => Value ? "true" : "false";

    internal override HoconValue WithOrigin(HoconOrigin origin) => new HoconBoolean(Value, origin);
}
