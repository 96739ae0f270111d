using System.Globalization;
using System.Numerics;

namespace Budgeting.Elections;

/// <summary>
/// Shows amounts, which are always whole numbers of the currency's smallest unit (cents for EUR), as people read
/// them: <c>400000</c> EUR cents is "4,000.00 EUR". The number of decimals is the currency's ISO 4217 minor unit,
/// as the ballot page's <c>Intl.NumberFormat</c> uses it, so that the ballot page and the results show the same amounts.
/// </summary>
public static class Money
{
    /// <summary>The ISO 4217 minor unit (decimals) of <paramref name="currency"/>: 0 for JPY or KRW, 3 for KWD, 2 for most.</summary>
    public static int MinorDigits(string currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        return currency.Trim().ToUpperInvariant() switch
        {
            "BIF" or "CLP" or "DJF" or "GNF" or "ISK" or "JPY" or "KMF" or "KRW" or "PYG" or "RWF" or "UGX" or "UYI" or "VND"
                or "VUV" or "XAF" or "XOF" or "XPF" => 0,
            "BHD" or "IQD" or "JOD" or "KWD" or "LYD" or "OMR" or "TND" => 3,
            "CLF" or "UYW" => 4,
            _ => 2,
        };
    }

    /// <summary>
    /// The amount with thousands separators and the currency's decimals, then the code: "1,234.50 EUR". Without a
    /// currency (a Pabulib file names none) the amount is shown as the whole number it is.
    /// </summary>
    public static string Format(long amount, string? currency)
    {
        if (string.IsNullOrWhiteSpace(currency))
        {
            return amount.ToString("N0", CultureInfo.InvariantCulture);
        }

        var digits = MinorDigits(currency);
        var scale = BigInteger.Pow(10, digits);
        var whole = BigInteger.DivRem(BigInteger.Abs(amount), scale, out var fraction);
        var text = whole.ToString("N0", CultureInfo.InvariantCulture);
        if (digits > 0)
        {
            text += "." + fraction.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
        }

        return (amount < 0 ? "-" : "") + text + " " + currency.Trim().ToUpperInvariant();
    }
}
