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
        Count = 0;
        usesScratch = false;
        if (SplitPlain(line))
        {
            return true;
        }

        Count = 0;
        usesScratch = true;
        return SplitQuoted(line);
    }

    /// <summary>Field <paramref name="index"/> of the last line split from <paramref name="line"/> (pass the same line).</summary>
    public ReadOnlySpan<byte> Field(ReadOnlySpan<byte> line, int index) =>
        (usesScratch ? scratch.AsSpan() : line).Slice(starts[index], lengths[index]);

    /// <summary>Whether the last line had no quotes, so that its fields are slices of the line itself, in order, with the separators between them.</summary>
    public bool IsPlain => !usesScratch;

    /// <summary>Where field <paramref name="index"/> starts in the line (meaningful when <see cref="IsPlain"/>).</summary>
    public int Start(int index) => starts[index];

    /// <summary>Where field <paramref name="index"/> ends in the line (meaningful when <see cref="IsPlain"/>).</summary>
    public int End(int index) => starts[index] + lengths[index];

    /// <summary>Whether field <paramref name="index"/> was quoted.</summary>
    public bool IsQuoted(int index) => usesScratch && quoted[index];

    /// <summary>
    /// Splits a line without quotes in place, in one pass; false as soon as a quote turns up. Sixteen bytes at a time
    /// are compared with the separator and the quote (fields are short, so searching field by field costs a call each).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool SplitPlain(ReadOnlySpan<byte> line)
    {
        var fieldStart = 0;
        var i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            var separator = Vector128.Create((byte)';');
            var quote = Vector128.Create((byte)'"');
            ref var origin = ref MemoryMarshal.GetReference(line);
            for (; i <= line.Length - Vector128<byte>.Count; i += Vector128<byte>.Count)
            {
                var chunk = Vector128.LoadUnsafe(ref origin, (nuint)i);
                if (Vector128.EqualsAny(chunk, quote))
                {
                    return false;
                }

                var stops = Vector128.Equals(chunk, separator).ExtractMostSignificantBits();
                while (stops != 0)
                {
                    var stop = i + BitOperations.TrailingZeroCount(stops);
                    PushTrimmed(line, fieldStart, stop);
                    fieldStart = stop + 1;
                    stops &= stops - 1;
                }
            }
        }

        for (; i < line.Length; i++)
        {
            if (line[i] == (byte)'"')
            {
                return false;
            }

            if (line[i] == (byte)';')
            {
                PushTrimmed(line, fieldStart, i);
                fieldStart = i + 1;
            }
        }

        PushTrimmed(line, fieldStart, line.Length);
        return true;
    }

    /// <summary>Records the field between <paramref name="fieldStart"/> and <paramref name="fieldEnd"/>, whitespace around it trimmed.</summary>
    private void PushTrimmed(ReadOnlySpan<byte> line, int fieldStart, int fieldEnd)
    {
        while (fieldStart < fieldEnd && IsSpace(line[fieldStart]))
        {
            fieldStart++;
        }

        while (fieldEnd > fieldStart && IsSpace(line[fieldEnd - 1]))
        {
            fieldEnd--;
        }

        Push(fieldStart, fieldEnd - fieldStart, false);
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

    internal static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'\f' or (byte)'\v';
}
