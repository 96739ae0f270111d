using System.Globalization;
using System.Numerics;
using System.Text;

namespace Budgeting.Randomness;

/// <summary>
/// Builds the key string of RFC 3797 (Eastlake, "Publicly Verifiable Nominations Committee (NomCom) Random Selection",
/// June 2004, section 4, and the reference code of section 7) from public random sources published after the pool is
/// fixed: lottery draws, dice, a stock index, a beacon value. Each source gives one number or a small set of whole
/// numbers, and
/// <list type="number">
/// <item>a whole number is written in decimal without leading zeros and ended by a period (<c>9319.</c>, <c>007</c> is
/// <c>7.</c>, <c>0</c> is <c>0.</c>);</item>
/// <item>a source's whole numbers are sorted from smallest to largest and concatenated;</item>
/// <item>a source may instead be a single number with a decimal fraction, written with the period separating the whole
/// and fractional parts, without leading zeros (a single 0 before the period when the whole part is zero) and without
/// trailing zeros after it (<c>9319.27</c>, <c>12.50</c> is <c>12.5</c>, <c>.5</c> is <c>0.5</c>, <c>3.00</c> is
/// <c>3.</c>);</item>
/// <item>each source is followed by a slash, and the sources are concatenated in the order they were announced, as
/// ASCII.</item>
/// </list>
/// For the RFC's worked example (section 6) the sources 9319, {2, 5, 12, 8, 10} and {9, 18, 26, 34, 41, 45} give
/// <c>9319./2.5.8.10.12./9.18.26.34.41.45./</c>. A source of several numbers of which one has a decimal point is refused:
/// the RFC's reference code sorts whole numbers but writes decimal fractions unsorted, in the order given, and cannot mix
/// the two in one source, so such a source has no key every implementation agrees on. Non-numeric sources (a team's name,
/// a headline) are refused too: the reference code reads only numbers. The key is the seed of <see cref="Rfc3797"/> and
/// may equally be the seed text of a <see cref="SeededStream"/>.
/// </summary>
public sealed class Rfc3797KeyBuilder
{
    private readonly StringBuilder key = new();

    /// <summary>How many sources were added.</summary>
    public int SourceCount { get; private set; }

    /// <summary>Adds one source's non-negative whole numbers (in any order: they are sorted).</summary>
    /// <exception cref="ArgumentException">The source has no numbers, or a number is negative.</exception>
    public Rfc3797KeyBuilder Add(IEnumerable<BigInteger> numbers)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        var list = numbers.ToList();
        if (list.Any(n => n.Sign < 0))
        {
            throw new ArgumentException($"source {SourceCount + 1} has a negative number", nameof(numbers));
        }

        return Append(list.Select(n => (n, "")).ToList(), nameof(numbers));
    }

    /// <summary>
    /// Adds one source written as text: non-negative whole numbers separated by commas (spaces around them are allowed),
    /// such as <c>2,5,12,8,10</c>, or a single non-negative decimal number such as <c>9319.27</c>; see
    /// <see cref="Canonical"/> for the numbers' form.
    /// </summary>
    /// <exception cref="FormatException">
    /// The text is empty, holds something other than a non-negative decimal number, or holds several numbers of which one
    /// has a decimal point.
    /// </exception>
    public Rfc3797KeyBuilder Add(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var position = SourceCount + 1;
        if (string.IsNullOrWhiteSpace(source))
        {
            throw new FormatException($"source {position} is empty: give its numbers separated by commas, such as 2,5,12,8,10");
        }

        var parts = source.Split(',').Select(part => part.Trim()).ToList();
        var numbers = new List<(BigInteger Whole, string Fraction)>();
        foreach (var text in parts)
        {
            if (Parse(text) is not { } number)
            {
                throw new FormatException(
                    $"source {position} ('{source}'): '{text}' is not a non-negative decimal number such as 12 or 9319.27 " +
                    "(the numbers are separated by commas; RFC 3797 defines key strings for numeric sources only)");
            }

            if (parts.Count > 1 && text.Contains('.', StringComparison.Ordinal))
            {
                throw new FormatException(
                    $"source {position} ('{source}'): '{text}' has a decimal point, but a source of several numbers may hold " +
                    "only whole numbers (RFC 3797's reference code sorts whole numbers but writes decimal fractions unsorted, " +
                    "so their order in the key would be ambiguous); give a decimal number a source of its own");
            }

            numbers.Add(number);
        }

        return Append(numbers, nameof(source));
    }

    /// <summary>
    /// The canonical form of a non-negative decimal number in an RFC 3797 key: no leading zeros except a single <c>0</c>
    /// for a zero whole part, no trailing zeros after the period, and the period ending a whole number or separating the
    /// whole and fractional parts. <c>9319</c> → <c>9319.</c>, <c>007</c> → <c>7.</c>, <c>9319.270</c> →
    /// <c>9319.27</c>, <c>.5</c> → <c>0.5</c>, <c>3.00</c> → <c>3.</c>, <c>0</c> → <c>0.</c>.
    /// </summary>
    /// <exception cref="FormatException">The text is not digits with at most one period (no sign, no exponent).</exception>
    public static string Canonical(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        return Parse(number.Trim()) is { } parsed
            ? Write(parsed)
            : throw new FormatException($"'{number}' is not a non-negative decimal number such as 12 or 9319.27");
    }

    /// <summary>The key string built so far, for example <c>9319./2.5.8.10.12./9.18.26.34.41.45./</c>.</summary>
    /// <exception cref="InvalidOperationException">No source was added.</exception>
    public string Build() =>
        SourceCount == 0 ? throw new InvalidOperationException("an RFC 3797 key needs at least one source") : key.ToString();

    /// <inheritdoc cref="Build"/>
    public override string ToString() => key.ToString();

    // Sorts a source's numbers ascending and appends them with the closing slash. A source of several numbers holds whole
    // numbers only (Add refuses a decimal point there), so the whole parts decide the order.
    private Rfc3797KeyBuilder Append(List<(BigInteger Whole, string Fraction)> numbers, string parameter)
    {
        if (numbers.Count == 0)
        {
            throw new ArgumentException($"source {SourceCount + 1} has no numbers", parameter);
        }

        numbers.Sort((a, b) => a.Whole.CompareTo(b.Whole));
        foreach (var number in numbers)
        {
            key.Append(Write(number));
        }

        key.Append('/');
        SourceCount++;
        return this;
    }

    private static string Write((BigInteger Whole, string Fraction) number) =>
        number.Whole.ToString(CultureInfo.InvariantCulture) + "." + number.Fraction;

    // Digits with at most one period and at least one digit: the whole part and the fraction without trailing zeros.
    private static (BigInteger Whole, string Fraction)? Parse(string text)
    {
        var period = text.IndexOf('.', StringComparison.Ordinal);
        var whole = period < 0 ? text : text[..period];
        var fraction = period < 0 ? "" : text[(period + 1)..];
        if (whole.Length + fraction.Length == 0 || !whole.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit))
        {
            return null;
        }

        return (whole.Length == 0 ? BigInteger.Zero : BigInteger.Parse(whole, NumberStyles.None, CultureInfo.InvariantCulture), fraction.TrimEnd('0'));
    }
}
