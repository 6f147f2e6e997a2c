using System.Globalization;
using System.Numerics;

namespace GossipActors.Hocon.Units;

/// <summary>
/// A decimal number held exactly as <c>Mantissa × 10^Exponent</c>, so "4878955355435272204ns" or "0.5M"
/// convert without the rounding a double would add.
/// </summary>
internal readonly record struct ExactNumber(BigInteger Mantissa, int Exponent)
{
    /// <summary>Exponents beyond this are out of any useful range; refusing them keeps BigInteger.Pow cheap.</summary>
    private const int MaxExponent = 400;

    /// <summary>Parses the number at the start of <paramref name="text"/>; returns how many characters it used (0 if none).</summary>
    public static int TryParsePrefix(string text, int start, out ExactNumber number)
    {
        number = default;
        var i = start;
        var negative = false;
        if (i < text.Length && text[i] is '+' or '-')
        {
            negative = text[i] == '-';
            i++;
        }

        var digits = new System.Text.StringBuilder();
        var fractionDigits = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            digits.Append(text[i++]);
        }

        if (i < text.Length && text[i] == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                digits.Append(text[i++]);
                fractionDigits++;
            }
        }

        if (digits.Length == 0)
        {
            return 0;
        }

        var exponent = 0;
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            var j = i + 1;
            var expNegative = false;
            if (j < text.Length && text[j] is '+' or '-')
            {
                expNegative = text[j] == '-';
                j++;
            }

            var expStart = j;
            while (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                j++;
            }

            // "1e" followed by letters is a unit such as "1 exabyte" only when no digits follow the e.
            if (j > expStart)
            {
                if (j - expStart > 6 || !int.TryParse(text.AsSpan(expStart, j - expStart), NumberStyles.None, CultureInfo.InvariantCulture, out exponent))
                {
                    exponent = MaxExponent + 1;
                }

                exponent = expNegative ? -exponent : exponent;
                i = j;
            }
        }

        var mantissa = BigInteger.Parse(digits.ToString(), NumberStyles.None, CultureInfo.InvariantCulture);
        number = new ExactNumber(negative ? -mantissa : mantissa, exponent - fractionDigits);
        return i - start;
    }

    /// <summary>This number times <paramref name="factor"/> divided by <paramref name="divisor"/>, truncated toward zero; null when absurdly large.</summary>
    public BigInteger? Scale(BigInteger factor, BigInteger divisor)
    {
        if (Exponent > MaxExponent)
        {
            return null;
        }

        if (Exponent < -MaxExponent)
        {
            return BigInteger.Zero;
        }

        var numerator = Mantissa * factor;
        var denominator = divisor;
        if (Exponent >= 0)
        {
            numerator *= BigInteger.Pow(10, Exponent);
        }
        else
        {
            denominator *= BigInteger.Pow(10, -Exponent);
        }

        return BigInteger.Divide(numerator, denominator);
    }
}
