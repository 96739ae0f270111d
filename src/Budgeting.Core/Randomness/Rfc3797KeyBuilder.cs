using System.Globalization;
using System.Numerics;
using System.Text;

namespace Budgeting.Randomness;

/// <summary>
/// Builds the key string of RFC 3797 (Eastlake, "Publicly Verifiable Nominations Committee (NomCom) Random Selection",
/// June 2004, section 4) from public random sources published after the pool is fixed: lottery draws, dice, a stock
/// index, a beacon value. The RFC's sources are numeric: each produces one number or a small set of numbers, and
/// <list type="number">
/// <item>each number is written in decimal, without leading zeros (but with a single 0 when the integer part is zero) and
/// without trailing zeros after the period, with a period either ending it (an integer: <c>9319.</c>) or separating its
/// whole and fractional parts (<c>9319.27</c>; <c>0.5</c>; <c>12.50</c> is <c>12.5</c>, <c>3.0</c> is <c>3.</c>);</item>
/// <item>a source's numbers are sorted from smallest to largest, concatenated, and followed by a slash;</item>
/// <item>the sources are concatenated in the order they were announced, as ASCII.</item>
/// </list>
/// For the RFC's worked example (section 6) the sources 9319, {2, 5, 12, 8, 10} and {9, 18, 26, 34, 41, 45} give
/// <c>9319./2.5.8.10.12./9.18.26.34.41.45./</c>. The RFC defines no canonical form for non-numeric sources (a team's
/// name, a headline), so they are refused rather than invented. The key is the seed of <see cref="Rfc3797"/> and may
/// equally be the seed text of a <see cref="SeededStream"/>.
/// </summary>
public sealed class Rfc3797KeyBuilder
{
    private readonly StringBuilder key = new();

    /// <summary>How many sources were added.</summary>
    public int SourceCount { get; private set; }

    /// <summary>Adds one source's non-negative integers (in any order: they are sorted).</summary>
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
    /// Adds one source written as text: non-negative decimal numbers separated by commas (spaces around them are
    /// allowed), such as <c>2,5,12,8,10</c> or <c>9319.27</c>; see <see cref="Canonical"/> for the numbers' form.
    /// </summary>
    /// <exception cref="FormatException">The text is empty or holds something other than a non-negative decimal number.</exception>
    public Rfc3797KeyBuilder Add(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var position = SourceCount + 1;
        if (string.IsNullOrWhiteSpace(source))
        {
            throw new FormatException($"source {position} is empty: give its numbers separated by commas, such as 2,5,12,8,10");
        }

        var numbers = new List<(BigInteger Whole, string Fraction)>();
        foreach (var part in source.Split(','))
        {
            var text = part.Trim();
            if (Parse(text) is not { } number)
            {
                throw new FormatException(
                    $"source {position} ('{source}'): '{text}' is not a non-negative decimal number such as 12 or 9319.27 " +
                    "(the numbers are separated by commas; RFC 3797 defines key strings for numeric sources only)");
            }

            numbers.Add(number);
        }

        return Append(numbers, nameof(source));
    }

    /// <summary>
    /// The canonical form of a non-negative decimal number in an RFC 3797 key (section 4, step 1): no leading zeros except
    /// a single <c>0</c> for a zero integer part, no trailing zeros after the period, and the period ending an integer or
    /// separating the whole and fractional parts. <c>9319</c> → <c>9319.</c>, <c>007</c> → <c>7.</c>, <c>9319.270</c> →
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

    // Sorts a source's numbers ascending (whole parts, then fractions: fractions without trailing zeros compare as digit
    // strings, "5" > "25" and "5" < "51") and appends them with the closing slash.
    private Rfc3797KeyBuilder Append(List<(BigInteger Whole, string Fraction)> numbers, string parameter)
    {
        if (numbers.Count == 0)
        {
            throw new ArgumentException($"source {SourceCount + 1} has no numbers", parameter);
        }

        numbers.Sort((a, b) => a.Whole != b.Whole ? a.Whole.CompareTo(b.Whole) : string.CompareOrdinal(a.Fraction, b.Fraction));
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
