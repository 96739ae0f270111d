using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Budgeting.Formats.Pabulib;

/// <summary>
/// An open-addressing table of short UTF-8 texts (at most <see cref="MaxLength"/> bytes: the raw ballot of most voters)
/// that keeps each text inline in its 32-byte slot, zero-padded, beside its value and a tally of how often it was seen.
/// Looking a text up and counting it therefore touch one slot and nothing else (no shared arena, no separate array
/// of counts), which matters because the slots are visited in random order and do not fit in the processor's cache.
/// The slots are rented (see <see cref="PooledArrays"/>) and given back by <see cref="ReturnScratch"/>.
/// </summary>
internal sealed class ShortTextTable
{
    /// <summary>The longest text the table holds.</summary>
    public const int MaxLength = 24;

    private const int LengthBits = 5; // MaxLength < 1 << LengthBits
    private const int LengthMask = (1 << LengthBits) - 1;

    private Slot[] slots;
    private int shift;
    private int count;

    /// <summary>Starts a table sized for <paramref name="expected"/> texts (between 3,072 and 24,576 of them; it grows as needed).</summary>
    public ShortTextTable(int expected)
    {
        var log2 = 12;
        while (log2 < 15 && (3 << log2) / 4 < expected)
        {
            log2++;
        }

        slots = PooledArrays.RentClearedExactly<Slot>(1 << log2);
        shift = 64 - log2;
    }

    /// <summary>How many times a text can be counted in its slot before its tally must be moved out (see <see cref="Count"/>).</summary>
    private const int MaxTally = (int.MaxValue >> LengthBits) - 1;

    /// <summary>
    /// Counts one more sighting of <paramref name="text"/> (at most <see cref="MaxLength"/> bytes) and returns its value
    /// when it was added unflagged, -2 - value when it was added flagged, or -1 (nothing counted) when the text is new:
    /// the caller then computes the value and calls <see cref="Add"/>. A tally about to overflow is added to
    /// <paramref name="tallies"/> (indexed by value) and restarted.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Count(ReadOnlySpan<byte> text, long[] tallies)
    {
        var (a, b, c) = Words(text);
        var hash = Hash(a, b, c, text.Length);
        var table = slots;
        var mask = table.Length - 1;
        for (var slot = (int)(hash >> shift); ; slot = (slot + 1) & mask)
        {
            ref var s = ref table[slot];
            if (s.Value == 0)
            {
                return -1;
            }

            if (s.A == a && s.B == b && s.C == c && (s.TallyAndLength & LengthMask) == text.Length)
            {
                if ((s.TallyAndLength >> LengthBits) >= MaxTally)
                {
                    tallies[Math.Abs(s.Value) - 1] += s.TallyAndLength >> LengthBits;
                    s.TallyAndLength &= LengthMask;
                }

                s.TallyAndLength += 1 << LengthBits;
                return s.Value - 1;
            }
        }
    }

    /// <summary>Adds <paramref name="text"/> (not present; at most <see cref="MaxLength"/> bytes), seen once, with value <paramref name="value"/> (non-negative), flagged or not.</summary>
    public void Add(ReadOnlySpan<byte> text, int value, bool flagged)
    {
        var (a, b, c) = Words(text);
        Place(new Slot { A = a, B = b, C = c, Value = flagged ? -(value + 1) : value + 1, TallyAndLength = (1 << LengthBits) | text.Length });
        if (++count * 4 > slots.Length * 3)
        {
            var old = slots;
            slots = PooledArrays.RentClearedExactly<Slot>(old.Length * 2);
            shift--;
            foreach (var s in old)
            {
                if (s.Value != 0)
                {
                    Place(s);
                }
            }

            PooledArrays.Return(ref old);
        }
    }

    /// <summary>Adds every text's tally to <paramref name="tallies"/> (indexed by value).</summary>
    public void AddTallies(long[] tallies)
    {
        foreach (var s in slots)
        {
            if (s.Value != 0)
            {
                tallies[Math.Abs(s.Value) - 1] += s.TallyAndLength >> LengthBits;
            }
        }
    }

    /// <summary>Gives the rented slots back to the pool; the table must not be used afterwards.</summary>
    public void ReturnScratch()
    {
        PooledArrays.Return(ref slots);
        count = 0;
    }

    /// <summary>The text's bytes, little-endian and zero-padded, as three words (the length tells texts that differ only by trailing zero bytes apart).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (ulong A, ulong B, ulong C) Words(ReadOnlySpan<byte> text)
    {
        var n = text.Length;
        ref var origin = ref MemoryMarshal.GetReference(text);
        if (n >= 16)
        {
            var a = Unsafe.ReadUnaligned<ulong>(ref origin);
            var b = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref origin, 8));
            var c = n == 16 ? 0 : Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref origin, n - 8)) >> (8 * (24 - n));
            return (a, b, c);
        }

        if (n >= 8)
        {
            var a = Unsafe.ReadUnaligned<ulong>(ref origin);
            var b = n == 8 ? 0 : Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref origin, n - 8)) >> (8 * (16 - n));
            return (a, b, 0);
        }

        if (n >= 4)
        {
            ulong low = BinaryPrimitives.ReadUInt32LittleEndian(text);
            ulong high = n == 4 ? 0 : BinaryPrimitives.ReadUInt32LittleEndian(text[(n - 4)..]) >> (8 * (8 - n));
            return (low | (high << 32), 0, 0);
        }

        ulong word = 0;
        for (var i = n - 1; i >= 0; i--)
        {
            word = (word << 8) | text[i];
        }

        return (word, 0, 0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Hash(ulong a, ulong b, ulong c, int length)
    {
        const ulong K = 0x9E3779B97F4A7C15UL;
        var h = (a ^ (ulong)length) * K;
        h = (h ^ (h >> 29) ^ b) * K;
        h = (h ^ (h >> 29) ^ c) * K;
        return h ^ (h >> 32);
    }

    private void Place(Slot entry)
    {
        var mask = slots.Length - 1;
        var slot = (int)(Hash(entry.A, entry.B, entry.C, entry.TallyAndLength & LengthMask) >> shift);
        while (slots[slot].Value != 0)
        {
            slot = (slot + 1) & mask;
        }

        slots[slot] = entry;
    }

    private struct Slot
    {
        public ulong A;
        public ulong B;
        public ulong C;
        public int Value; // value + 1, negated when flagged; 0 marks an empty slot
        public int TallyAndLength; // how often the text was seen (shifted left by LengthBits), and its length
    }
}
