using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Budgeting.Formats.Pabulib;

/// <summary>
/// Splits a line of UTF-8 bytes into <c>;</c>-separated fields. Whitespace around a field is trimmed.
/// A field that starts with <c>"</c> is quoted: it runs to the matching closing quote, <c>""</c> inside
/// it is one literal quote, and separators inside it are text. A quote elsewhere is an ordinary character.
/// Lines without quotes are split in place; others are unescaped into a scratch buffer.
/// </summary>
internal sealed class FieldSplitter
{
    // Plain lines: bounds[i] is where field i starts (just after a separator, or 0) and bounds[i + 1] - 1 where it
    // ends; fields are trimmed when asked for, so that the fields nobody reads cost nothing but their separator.
    private int[] bounds = new int[64];

    // Quoted lines: trimmed fields in the scratch buffer.
    private int[] starts = new int[16];
    private int[] lengths = new int[16];
    private bool[] quoted = new bool[16];
    private byte[] scratch = new byte[256];
    private bool usesScratch;

    /// <summary>How many fields the last line had.</summary>
    public int Count { get; private set; }

    /// <summary>Splits <paramref name="line"/>. Returns false when a quoted field is still open at the end of the line (it continues on the next line).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Split(ReadOnlySpan<byte> line)
    {
        usesScratch = false;
        if (SplitPlain(line))
        {
            return true;
        }

        Count = 0;
        usesScratch = true;
        return SplitQuoted(line);
    }

    /// <summary>Field <paramref name="index"/> of the last line split from <paramref name="line"/> (pass the same line), without the white space around it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> Field(ReadOnlySpan<byte> line, int index)
    {
        if (usesScratch)
        {
            return scratch.AsSpan(starts[index], lengths[index]);
        }

        var start = bounds[index];
        return Trim(line[start..(bounds[index + 1] - 1)]);
    }

    /// <summary>Whether the last line had no quotes, so that its fields are slices of the line itself, in order, with the separators between them.</summary>
    public bool IsPlain => !usesScratch;

    /// <summary>Where field <paramref name="index"/> (trimmed) starts in the line (meaningful when <see cref="IsPlain"/>).</summary>
    public int Start(ReadOnlySpan<byte> line, int index)
    {
        var start = bounds[index];
        var end = bounds[index + 1] - 1;
        while (start < end && IsSpace(line[start]))
        {
            start++;
        }

        return start;
    }

    /// <summary>Where field <paramref name="index"/> (trimmed) ends in the line (meaningful when <see cref="IsPlain"/>).</summary>
    public int End(ReadOnlySpan<byte> line, int index)
    {
        var start = Start(line, index); // a field of white space only is empty where it ends, as Start says
        var end = bounds[index + 1] - 1;
        while (end > start && IsSpace(line[end - 1]))
        {
            end--;
        }

        return end;
    }

    /// <summary>Whether field <paramref name="index"/> was quoted.</summary>
    public bool IsQuoted(int index) => usesScratch && quoted[index];

    /// <summary>
    /// Splits a line without quotes in place, in one pass; false as soon as a quote turns up. Only where each field
    /// starts is recorded. A whole vector of bytes at a time is compared with the separator and the quote (fields are
    /// short, so searching field by field costs a call each); the last vector overlaps the one before rather than
    /// falling back to a byte loop.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool SplitPlain(ReadOnlySpan<byte> line)
    {
        var n = line.Length;
        if (bounds.Length < n + 2)
        {
            bounds = new int[Math.Max(n + 2, bounds.Length * 2)];
        }

        // bounds has room for n + 2 values and a line has at most n separators, so the writes below stay inside it.
        ref var bound = ref MemoryMarshal.GetArrayDataReference(bounds);
        bound = 0;
        var count = 1;
        ref var origin = ref MemoryMarshal.GetReference(line);
        if (Vector256.IsHardwareAccelerated && n >= Vector256<byte>.Count)
        {
            var separator = Vector256.Create((byte)';');
            var quote = Vector256.Create((byte)'"');
            var i = 0;
            while (true)
            {
                var last = i > n - Vector256<byte>.Count;
                var at = last ? n - Vector256<byte>.Count : i;
                var chunk = Vector256.LoadUnsafe(ref origin, (nuint)at);
                if (Vector256.EqualsAny(chunk, quote))
                {
                    return false;
                }

                var stops = Vector256.Equals(chunk, separator).ExtractMostSignificantBits() & (uint.MaxValue << (i - at));
                while (stops != 0)
                {
                    Unsafe.Add(ref bound, count++) = at + BitOperations.TrailingZeroCount(stops) + 1;
                    stops &= stops - 1;
                }

                i += Vector256<byte>.Count;
                if (last || i == n)
                {
                    break;
                }
            }
        }
        else if (Vector128.IsHardwareAccelerated && n >= Vector128<byte>.Count)
        {
            var separator = Vector128.Create((byte)';');
            var quote = Vector128.Create((byte)'"');
            var i = 0;
            while (true)
            {
                var last = i > n - Vector128<byte>.Count;
                var at = last ? n - Vector128<byte>.Count : i;
                var chunk = Vector128.LoadUnsafe(ref origin, (nuint)at);
                if (Vector128.EqualsAny(chunk, quote))
                {
                    return false;
                }

                var stops = Vector128.Equals(chunk, separator).ExtractMostSignificantBits() & (uint.MaxValue << (i - at));
                while (stops != 0)
                {
                    Unsafe.Add(ref bound, count++) = at + BitOperations.TrailingZeroCount(stops) + 1;
                    stops &= stops - 1;
                }

                i += Vector128<byte>.Count;
                if (last || i == n)
                {
                    break;
                }
            }
        }
        else
        {
            for (var i = 0; i < n; i++)
            {
                if (line[i] == (byte)'"')
                {
                    return false;
                }

                if (line[i] == (byte)';')
                {
                    Unsafe.Add(ref bound, count++) = i + 1;
                }
            }
        }

        Unsafe.Add(ref bound, count) = n + 1;
        Count = count;
        return true;
    }

    /// <summary>
    /// Finds where the next line of <paramref name="text"/> ends (its line feed) and splits it in the same pass, when the
    /// line has no quote: returns the line's length (up to the line feed), the line (without a carriage return before the
    /// line feed) split as <see cref="Split"/> splits it. Returns -1, having split nothing, when a quote comes before the
    /// line feed or the line feed is not within the whole vectors of <paramref name="text"/>: the caller then finds the
    /// line and splits it the usual way. One pass instead of two: the line's search for its end was a second scan.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int SplitLine(ReadOnlySpan<byte> text)
    {
        if (!Vector256.IsHardwareAccelerated)
        {
            return -1;
        }

        var n = text.Length;
        ref var origin = ref MemoryMarshal.GetReference(text);
        var separator = Vector256.Create((byte)';');
        var quote = Vector256.Create((byte)'"');
        var newline = Vector256.Create((byte)'\n');
        var count = 1;
        for (var at = 0; at <= n - Vector256<byte>.Count; at += Vector256<byte>.Count)
        {
            // A vector adds at most one bound per byte, and one more ends the line: keep room for them all.
            if (bounds.Length < count + Vector256<byte>.Count + 2)
            {
                Array.Resize(ref bounds, Math.Max(count + Vector256<byte>.Count + 2, bounds.Length * 2));
            }

            var chunk = Vector256.LoadUnsafe(ref origin, (nuint)at);
            var ends = Vector256.Equals(chunk, newline).ExtractMostSignificantBits();
            var inLine = ends == 0 ? uint.MaxValue : (ends & (0u - ends)) - 1; // the bytes before the first line feed
            if ((Vector256.Equals(chunk, quote).ExtractMostSignificantBits() & inLine) != 0)
            {
                return -1;
            }

            ref var bound = ref MemoryMarshal.GetArrayDataReference(bounds);
            var stops = Vector256.Equals(chunk, separator).ExtractMostSignificantBits() & inLine;
            while (stops != 0)
            {
                Unsafe.Add(ref bound, count++) = at + BitOperations.TrailingZeroCount(stops) + 1;
                stops &= stops - 1;
            }

            if (ends != 0)
            {
                var length = at + BitOperations.TrailingZeroCount(ends);
                var lineEnd = length > 0 && text[length - 1] == (byte)'\r' ? length - 1 : length;
                bound = 0;
                Unsafe.Add(ref bound, count) = lineEnd + 1;
                Count = count;
                usesScratch = false;
                return length;
            }
        }

        return -1;
    }

    private bool SplitQuoted(ReadOnlySpan<byte> line)
    {
        if (scratch.Length < line.Length)
        {
            scratch = new byte[Math.Max(line.Length, scratch.Length * 2)];
        }

        var output = 0;
        var i = 0;
        while (true)
        {
            while (i < line.Length && IsSpace(line[i]))
            {
                i++;
            }

            var fieldStart = output;
            var isQuoted = i < line.Length && line[i] == (byte)'"';
            if (isQuoted)
            {
                i++;
                var closed = false;
                while (i < line.Length)
                {
                    var b = line[i];
                    if (b == (byte)'"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == (byte)'"')
                        {
                            scratch[output++] = b;
                            i += 2;
                            continue;
                        }

                        i++;
                        closed = true;
                        break;
                    }

                    scratch[output++] = b;
                    i++;
                }

                if (!closed)
                {
                    return false;
                }

                // Text after the closing quote (rare, malformed) is kept, like Python's csv module does.
                var tailStart = output;
                while (i < line.Length && line[i] != (byte)';')
                {
                    scratch[output++] = line[i++];
                }

                while (output > tailStart && IsSpace(scratch[output - 1]))
                {
                    output--;
                }
            }
            else
            {
                while (i < line.Length && line[i] != (byte)';')
                {
                    scratch[output++] = line[i++];
                }

                while (output > fieldStart && IsSpace(scratch[output - 1]))
                {
                    output--;
                }
            }

            Push(fieldStart, output - fieldStart, isQuoted);
            if (i >= line.Length)
            {
                return true;
            }

            i++; // the separator
            if (i == line.Length)
            {
                Push(output, 0, false);
                return true;
            }
        }
    }

    private void Push(int start, int length, bool isQuoted)
    {
        if (Count == starts.Length)
        {
            Array.Resize(ref starts, Count * 2);
            Array.Resize(ref lengths, Count * 2);
            Array.Resize(ref quoted, Count * 2);
        }

        starts[Count] = start;
        lengths[Count] = length;
        quoted[Count] = isQuoted;
        Count++;
    }

    /// <summary>The span without leading and trailing white space (as <see cref="IsSpace"/> defines it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s)
    {
        var start = 0;
        var end = s.Length;
        while (start < end && IsSpace(s[start]))
        {
            start++;
        }

        while (end > start && IsSpace(s[end - 1]))
        {
            end--;
        }

        return s[start..end];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsSpace(byte b) => b <= (byte)' ' && ((SpaceBits >> b) & 1) != 0;

    /// <summary>Bit b is set for the white space bytes: tab, LF, VT, FF, CR (9 to 13) and space (32).</summary>
    private const ulong SpaceBits = (1UL << ' ') | (1UL << '\t') | (1UL << '\n') | (1UL << '\v') | (1UL << '\f') | (1UL << '\r');
}
