using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Budgeting.Formats.Pabulib;

/// <summary>Small text helpers shared by the reader, the writer and the comparison.</summary>
internal static class PabulibText
{
    /// <summary>The name of the META section.</summary>
    public const string Meta = "META";

    /// <summary>The name of the PROJECTS section.</summary>
    public const string Projects = "PROJECTS";

    /// <summary>The name of the VOTES section.</summary>
    public const string Votes = "VOTES";

    /// <summary>Whether a line is empty or white space only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsBlank(ReadOnlySpan<byte> line) => line.IsEmpty || (FieldSplitter.IsSpace(line[0]) && IsBlankFrom(line));

    /// <summary>Whether a line starting with this byte may be a section header. Most lines are voters: they are ruled out here, before trimming anything.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool MayBeSectionHeader(byte first)
    {
        var letter = first | 0x20;
        return letter == 'm' || letter == 'p' || letter == 'v' || FieldSplitter.IsSpace(first) || first == (byte)';';
    }

    /// <summary>The section a line names (<see cref="Meta"/>, <see cref="Projects"/> or <see cref="Votes"/>, in any case, with white space and trailing <c>;</c> around it), or null.</summary>
    public static string? SectionName(ReadOnlySpan<byte> line)
    {
        var trimmed = FieldSplitter.Trim(line);
        while (trimmed.Length > 0 && trimmed[^1] == (byte)';')
        {
            trimmed = FieldSplitter.Trim(trimmed[..^1]);
        }

        return trimmed.Length switch
        {
            4 when System.Text.Ascii.EqualsIgnoreCase(trimmed, "META"u8) => Meta,
            5 when System.Text.Ascii.EqualsIgnoreCase(trimmed, "VOTES"u8) => Votes,
            8 when System.Text.Ascii.EqualsIgnoreCase(trimmed, "PROJECTS"u8) => Projects,
            _ => null,
        };
    }

    private static bool IsBlankFrom(ReadOnlySpan<byte> line)
    {
        foreach (var b in line)
        {
            if (!FieldSplitter.IsSpace(b))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The META keys that bound ballots or scores: how to round a fractional value inward, the largest value, and the election's value.</summary>
    public static readonly (string Key, bool RoundUp, long Max, Func<Budgeting.Elections.Election, long?> Get)[] Bounds =
    [
        ("min_length", true, int.MaxValue, e => e.Limits.MinLength),
        ("max_length", false, int.MaxValue, e => e.Limits.MaxLength),
        ("max_sum_cost", false, long.MaxValue, e => e.Limits.MaxSumCost),
        ("min_sum_points", true, long.MaxValue, e => e.Limits.MinSumPoints),
        ("max_sum_points", false, long.MaxValue, e => e.Limits.MaxSumPoints),
        ("min_points", true, long.MaxValue, e => e.Limits.MinPoints),
        ("max_points", false, long.MaxValue, e => e.Limits.MaxPoints),
        ("min_project_score_threshold", true, long.MaxValue, e => e.ScoreThreshold),
    ];

    /// <summary>Whether a value means "missing": empty or <c>none</c> (any case).</summary>
    public static bool IsMissing(string? value) =>
        string.IsNullOrEmpty(value) || string.Equals(value, "none", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether UTF-8 bytes mean "missing": empty or <c>none</c> (any case).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static bool IsMissing(ReadOnlySpan<byte> value) =>
        value.IsEmpty || (value.Length == 4 && (value[0] | 0x20) == 'n' && (value[1] | 0x20) == 'o' && (value[2] | 0x20) == 'n' && (value[3] | 0x20) == 'e');

    /// <summary>
    /// Parses a decimal number such as <c>1000</c>, <c>1000.0</c> or <c>-3.25</c> exactly, as an integer part and
    /// the sign of the fractional remainder. Returns false for anything else (exponents, thousands separators, text).
    /// </summary>
    /// <param name="text">The text, already trimmed.</param>
    /// <param name="floor">The largest integer not above the number.</param>
    /// <param name="isWhole">Whether the number is an integer.</param>
    public static bool TryParseDecimal(string text, out BigInteger floor, out bool isWhole)
    {
        floor = default;
        isWhole = false;
        var s = text.AsSpan();
        var negative = false;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        var dot = s.IndexOf('.');
        var whole = dot < 0 ? s : s[..dot];
        var fraction = dot < 0 ? [] : s[(dot + 1)..];
        if (whole.IsEmpty && fraction.IsEmpty)
        {
            return false;
        }

        foreach (var c in whole)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        var fractionIsZero = true;
        foreach (var c in fraction)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            fractionIsZero &= c == '0';
        }

        var value = whole.IsEmpty ? BigInteger.Zero : BigInteger.Parse(whole, NumberStyles.None, CultureInfo.InvariantCulture);
        isWhole = fractionIsZero;
        if (negative)
        {
            value = -value;
            if (!fractionIsZero)
            {
                value -= 1;
            }
        }

        floor = value;
        return true;
    }

    /// <summary>Parses an optionally signed integer from UTF-8 digits; false on anything else or overflow.</summary>
    public static bool TryParseInt64(ReadOnlySpan<byte> s, out long value)
    {
        value = 0;
        var negative = false;
        if (s.Length > 0 && (s[0] == (byte)'-' || s[0] == (byte)'+'))
        {
            negative = s[0] == (byte)'-';
            s = s[1..];
        }

        if (s.IsEmpty || s.Length > 18)
        {
            return s.Length > 18 && TryParseLongSlow(s, negative, out value);
        }

        long v = 0;
        foreach (var b in s)
        {
            var d = (uint)(b - '0');
            if (d > 9)
            {
                return false;
            }

            v = (v * 10) + d;
        }

        value = negative ? -v : v;
        return true;
    }

    private static bool TryParseLongSlow(ReadOnlySpan<byte> s, bool negative, out long value)
    {
        var text = System.Text.Encoding.ASCII.GetString(s);
        var ok = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        if (ok && negative)
        {
            value = -value;
        }

        return ok;
    }

    /// <summary>
    /// Reads a bound such as <c>max_sum_cost</c> and rounds it inward: ballot sizes, costs and points are whole
    /// numbers, so a fractional lower bound is the same as its ceiling and a fractional upper bound as its floor.
    /// Values beyond <paramref name="max"/> are clamped. Returns false when the text is not a number.
    /// </summary>
    public static bool TryParseBound(string text, bool roundUp, long max, out long value)
    {
        value = 0;
        if (!TryParseDecimal(text, out var floor, out var whole))
        {
            return false;
        }

        var rounded = roundUp && !whole ? floor + 1 : floor;
        value = rounded > max ? max : rounded < -max ? -max : (long)rounded;
        return true;
    }

    /// <summary>
    /// The value of a voter id written as a plain decimal number (no sign, no leading zero, at most 18 digits), otherwise -1.
    /// Ids of 8 to 16 digits (most real ones) are read eight digits at a time: a word is checked to be all digits and
    /// turned into its value with three multiplications, instead of one step per digit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long CanonicalNumber(ReadOnlySpan<byte> id)
    {
        var n = id.Length;
        if (n == 0 || n > 18 || (id[0] == (byte)'0' && n > 1))
        {
            return -1;
        }

        if (n is >= 8 and <= 16)
        {
            ref var origin = ref MemoryMarshal.GetReference(id);
            var tail = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref origin, n - 8));
            var head = Unsafe.ReadUnaligned<ulong>(ref origin);
            var k = n - 8; // the digits before the last eight: shifted to the word's end and padded in front with '0's
            head = k == 0 ? AllZeroDigits : k == 8 ? head : (head << (8 * (8 - k))) | (AllZeroDigits >> (8 * k));
            return AreDigits(head) && AreDigits(tail) ? (EightDigits(head) * 100_000_000) + EightDigits(tail) : -1;
        }

        long value = 0;
        foreach (var b in id)
        {
            var d = (uint)(b - '0');
            if (d > 9)
            {
                return -1;
            }

            value = (value * 10) + d;
        }

        return value;
    }

    private const ulong AllZeroDigits = 0x3030303030303030UL;

    /// <summary>Whether all eight bytes of <paramref name="word"/> are ASCII digits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool AreDigits(ulong word) =>
        (word & 0xF0F0F0F0F0F0F0F0UL) == AllZeroDigits // every high half is 3 (so adding 6 below carries into no neighbour)
        && ((word + 0x0606060606060606UL) & 0xF0F0F0F0F0F0F0F0UL) == AllZeroDigits; // and every low half at most 9

    /// <summary>The number written by eight ASCII digits, the first in the lowest byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long EightDigits(ulong word)
    {
        word -= AllZeroDigits;
        word = (word * 10 + (word >> 8)) & 0x00FF00FF00FF00FFUL;
        word = (word * 100 + (word >> 16)) & 0x0000FFFF0000FFFFUL;
        word = (word * 10000 + (word >> 32)) & 0x00000000FFFFFFFFUL;
        return (long)word;
    }
}
