using System.Globalization;
using System.Numerics;
using Budgeting.Arithmetic;

namespace Budgeting.Tallying.Reports;

/// <summary>Renders rationals for people: exactly as "p/q", and as a rounded decimal for display only.</summary>
internal static class RationalText
{
    /// <summary>
    /// <paramref name="value"/> rounded half away from zero to <paramref name="digits"/> decimals, trailing zeros dropped,
    /// in invariant culture (for example "8064.5161"). Computed on integers, so it is the same on every machine.
    /// </summary>
    public static string Decimal(Rational value, int digits = 4)
    {
        var scale = BigInteger.Pow(10, digits);
        var scaled = BigInteger.Abs(value.Numerator) * scale;
        var quotient = BigInteger.DivRem(scaled, value.Denominator, out var remainder);
        if (remainder * 2 >= value.Denominator)
        {
            quotient += 1;
        }

        var whole = BigInteger.DivRem(quotient, scale, out var fraction);
        var text = whole.ToString(CultureInfo.InvariantCulture);
        if (!fraction.IsZero)
        {
            text += "." + fraction.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0');
        }

        return value.Sign < 0 && !quotient.IsZero ? "-" + text : text;
    }
}
