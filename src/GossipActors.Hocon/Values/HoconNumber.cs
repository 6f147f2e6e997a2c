using System.Globalization;

namespace GossipActors.Hocon;

/// <summary>
/// A number. <see cref="Text"/> keeps the spelling of the file because concatenation and path expressions
/// must use it (<c>1.0</c> stays "1.0", not "1").
/// </summary>
public sealed class HoconNumber : HoconValue
{
    public HoconNumber(string text, HoconOrigin origin)
        : base(origin)
    {
        Text = text;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            IsInteger = true;
            LongValue = integer;
            DoubleValue = integer;
        }
        else
        {
            DoubleValue = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            LongValue = 0;
        }
    }

    /// <summary>The number as written in the source.</summary>
    public string Text { get; }

    /// <summary>True when <see cref="Text"/> is an integer that fits in 64 bits.</summary>
    public bool IsInteger { get; }

    /// <summary>The value when <see cref="IsInteger"/>; 0 otherwise.</summary>
    public long LongValue { get; }

    public double DoubleValue { get; }

    public override HoconValueType Type => HoconValueType.Number;

    public override string ConcatenationText => Text;

    internal override HoconValue WithOrigin(HoconOrigin origin) => new HoconNumber(Text, origin);
}
