using System.Globalization;
using System.Numerics;
using Budgeting.Arithmetic;

namespace Budgeting.Tallying.Rules;

/// <summary>How Equal Shares explanations show amounts: whole numbers exactly, others rounded down to the hundredth with "≈".</summary>
internal static class EqualSharesText
{
    /// <summary>"174" for a whole number, otherwise "≈35072.78" (rounded down to the hundredth).</summary>
    public static string Show(Rational value)
    {
        var whole = value.Floor();
        if ((value - Rational.FromInteger(whole)).IsZero)
        {
            return whole.ToString(CultureInfo.InvariantCulture);
        }

        return ShowHundredths((value * 100).Floor());
    }

    /// <summary>"≈a.bb" for a non-negative number of hundredths.</summary>
    public static string ShowHundredths(BigInteger hundredths) =>
        "≈" + (hundredths / 100).ToString(CultureInfo.InvariantCulture) + "." + ((int)(hundredths % 100)).ToString("00", CultureInfo.InvariantCulture);
}
