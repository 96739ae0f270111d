using System.Globalization;
using System.Numerics;
using System.Text;

namespace Budgeting.Randomness;

/// <summary>
/// Builds the key string of RFC 3797 (Eastlake, "Publicly Verifiable Nominations Committee (NomCom) Random Selection",
/// June 2004, section 4) from public random sources published after the pool is fixed: lottery draws, dice, a beacon
/// value. Each source contributes its numbers sorted ascending, each number in plain decimal (no sign, no leading zeros)
/// followed by a period, and the source then ends with a slash; sources appear in the order they were announced.
/// For the RFC's worked example (section 6) the sources 9319, {2, 5, 12, 8, 10} and {9, 18, 26, 34, 41, 45} give
/// <c>9319./2.5.8.10.12./9.18.26.34.41.45./</c>. The key is the seed of <see cref="Rfc3797"/> and may equally be
/// the seed text of a <see cref="SeededStream"/>.
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
        var sorted = numbers.ToList();
        if (sorted.Count == 0)
        {
            throw new ArgumentException($"source {SourceCount + 1} has no numbers", nameof(numbers));
        }

        if (sorted.Any(n => n.Sign < 0))
        {
            throw new ArgumentException($"source {SourceCount + 1} has a negative number", nameof(numbers));
        }

        sorted.Sort();
        foreach (var number in sorted)
        {
            key.Append(number.ToString(CultureInfo.InvariantCulture)).Append('.');
        }

        key.Append('/');
        SourceCount++;
        return this;
    }

    /// <summary>
    /// Adds one source written as text: non-negative decimal integers separated by commas (spaces around them are
    /// allowed), such as <c>2,5,12,8,10</c>.
    /// </summary>
    /// <exception cref="FormatException">The text is empty or holds something other than a non-negative integer.</exception>
    public Rfc3797KeyBuilder Add(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var position = SourceCount + 1;
        if (string.IsNullOrWhiteSpace(source))
        {
            throw new FormatException($"source {position} is empty: give its numbers separated by commas, such as 2,5,12,8,10");
        }

        var numbers = new List<BigInteger>();
        foreach (var part in source.Split(','))
        {
            var text = part.Trim();
            if (text.Length == 0 || !text.All(char.IsAsciiDigit))
            {
                throw new FormatException(
                    $"source {position} ('{source}'): '{text}' is not a non-negative integer (the numbers are separated by commas)");
            }

            numbers.Add(BigInteger.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture));
        }

        return Add(numbers);
    }

    /// <summary>The key string built so far, for example <c>9319./2.5.8.10.12./9.18.26.34.41.45./</c>.</summary>
    /// <exception cref="InvalidOperationException">No source was added.</exception>
    public string Build() =>
        SourceCount == 0 ? throw new InvalidOperationException("an RFC 3797 key needs at least one source") : key.ToString();

    /// <inheritdoc cref="Build"/>
    public override string ToString() => key.ToString();
}
