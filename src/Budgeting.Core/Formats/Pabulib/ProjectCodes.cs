using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Budgeting.Formats.Pabulib;

/// <summary>
/// The project ids of 1 to 8 bytes without white space at either end (all the ids of the real corpus), each held in a
/// small open-addressing table as one 64-bit word (its bytes, little-endian, zero-padded) beside its length and project
/// index, so that a trimmed item of a vote is found with one word read, one multiply and one slot: no key arena to visit.
/// Other ids cannot match a trimmed item of 1 to 8 bytes, so for such an item a miss here is a miss for every id.
/// </summary>
internal sealed class ProjectCodes
{
    private Entry[] entries = new Entry[16];
    private int shift = 60; // 64 - log2(entries.Length)
    private int count;

    /// <summary>Adds project <paramref name="index"/> with id <paramref name="id"/> (not present yet); ids the table does not hold are ignored.</summary>
    public void Add(ReadOnlySpan<byte> id, int index)
    {
        if (id.IsEmpty || id.Length > 8 || FieldSplitter.IsSpace(id[0]) || FieldSplitter.IsSpace(id[^1]))
        {
            return;
        }

        if ((count + 1) * 4 > entries.Length)
        {
            var old = entries;
            entries = new Entry[old.Length * 2];
            shift--;
            foreach (var e in old)
            {
                if (e.Length != 0)
                {
                    Place(e);
                }
            }
        }

        Place(new Entry { Word = Word(id), Length = id.Length, Index = index });
        count++;
    }

    /// <summary>The index of the project whose id is <paramref name="item"/> (1 to 8 bytes), or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(ReadOnlySpan<byte> item) => Find(Word(item), item.Length);

    /// <summary>The index of the project whose id is <paramref name="length"/> (1 to 8) bytes, read little-endian and zero-padded into <paramref name="word"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(ulong word, int length)
    {
        var table = entries;
        var mask = table.Length - 1;
        for (var slot = (int)((word * 0x9E3779B97F4A7C15UL) >> shift); ; slot = (slot + 1) & mask)
        {
            ref var e = ref table[slot];
            if (e.Word == word && e.Length == length)
            {
                return e.Index;
            }

            if (e.Length == 0)
            {
                return -1;
            }
        }
    }

    /// <summary>The bytes of <paramref name="text"/> (1 to 8 of them), little-endian, zero-padded, read without a byte loop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Word(ReadOnlySpan<byte> text)
    {
        var n = text.Length;
        ref var origin = ref MemoryMarshal.GetReference(text);
        if (n >= 4)
        {
            ulong low = Unsafe.ReadUnaligned<uint>(ref origin);
            ulong high = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref origin, n - 4));
            return n == 4 ? low : low | ((high >> (8 * (8 - n))) << 32);
        }

        ulong word = origin;
        if (n > 1)
        {
            word |= (ulong)Unsafe.Add(ref origin, 1) << 8;
        }

        if (n > 2)
        {
            word |= (ulong)Unsafe.Add(ref origin, 2) << 16;
        }

        return word;
    }

    private void Place(Entry e)
    {
        var mask = entries.Length - 1;
        var slot = (int)((e.Word * 0x9E3779B97F4A7C15UL) >> shift);
        while (entries[slot].Length != 0)
        {
            slot = (slot + 1) & mask;
        }

        entries[slot] = e;
    }

    private struct Entry
    {
        public ulong Word;
        public int Length; // 0 marks an empty slot
        public int Index;
    }
}
