namespace GossipActors.Hocon;

/// <summary>The literal <c>null</c>; it hides earlier values and blocks the environment fallback.</summary>
public sealed class HoconNull : HoconValue
{
    public HoconNull(HoconOrigin origin)
        : base(origin)
    {
    }

    public override HoconValueType Type => HoconValueType.Null;

    public override string ConcatenationText => "null";

    internal override HoconValue WithOrigin(HoconOrigin origin) => new HoconNull(origin);
}
