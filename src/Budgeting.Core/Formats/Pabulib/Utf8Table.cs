using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Budgeting.Formats.Pabulib;

/// <summary>
/// An open-addressing hash table keyed by UTF-8 bytes, so that project ids, raw ballots and repeated column
/// values can be looked up straight from the line buffer without allocating a string. Each slot holds the
/// hash and the key's place in one shared byte arena, so a lookup touches one slot and the arena.
/// </summary>
internal sealed class Utf8Table
{
    // Slots, arena and values are rented (see PooledArrays); ReturnScratch gives them back.
    private Slot[] slots = PooledArrays.RentClearedExactly<Slot>(32);
    private byte[] arena = PooledArrays.Rent<byte>(1024);
    private int arenaLength;
    private string?[] strings = new string?[16];
    private int[] values = PooledArrays.Rent<int>(16);
    private int count;

    public int Count => count;

    /// <summary>The entry holding <paramref name="key"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(ReadOnlySpan<byte> key) => Lookup(key, Hash(key)) - 1;

    /// <summary>Looks up the value stored with <paramref name="key"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetValue(ReadOnlySpan<byte> key, out int value)
    {
        var entry = Lookup(key, Hash(key)) - 1;
        if (entry < 0)
        {
            value = 0;
            return false;
        }

        value = values[entry];
        return true;
    }

    /// <summary>Adds a key that is not present yet and returns its entry (entries are numbered 0, 1, 2… in order of addition).</summary>
    public int Add(ReadOnlySpan<byte> key, string? text, int value)
    {
        if (count == values.Length)
        {
            PooledArrays.Grow(ref values, count * 2);
        }

        if (text is not null)
        {
            // Tables of raw ballots hold no text: their string array stays small.
            if (count >= strings.Length)
            {
                Array.Resize(ref strings, values.Length);
            }

            strings[count] = text;
        }

        if (arenaLength + key.Length > arena.Length)
        {
            PooledArrays.Grow(ref arena, Math.Max(arena.Length * 2, arenaLength + key.Length));
        }

        key.CopyTo(arena.AsSpan(arenaLength));
        values[count] = value;
        count++;
        Place(new Slot { Hash = Hash(key), Entry = count, Start = arenaLength, Length = key.Length });
        arenaLength += key.Length;
        if (count * 4 > slots.Length * 3)
        {
            Rehash();
        }

        return count - 1;
    }

    /// <summary>The string for <paramref name="key"/>, decoded once and shared afterwards.</summary>
    public string Intern(ReadOnlySpan<byte> key)
    {
        var entry = Find(key);
        if (entry < 0)
        {
            entry = Add(key, Encoding.UTF8.GetString(key), 0);
        }

        return strings[entry]!;
    }

    /// <summary>How many slots <see cref="TryGetSlot"/> looks at: every key is in one of them.</summary>
    public int SlotCount => slots.Length;

    /// <summary>The key and value in slot <paramref name="slot"/>, or false when the slot is empty (to visit every key in no particular order).</summary>
    public bool TryGetSlot(int slot, out ReadOnlySpan<byte> key, out int value)
    {
        var s = slots[slot];
        if (s.Entry == 0)
        {
            key = default;
            value = 0;
            return false;
        }

        key = arena.AsSpan(s.Start, s.Length);
        value = values[s.Entry - 1];
        return true;
    }

    /// <summary>The text stored with an entry (one added with text).</summary>
    public string Text(int entry) => strings[entry]!;

    /// <summary>The value stored with an entry.</summary>
    public int Value(int entry) => values[entry];

    /// <summary>
    /// A fast non-cryptographic hash that reads 8 bytes at a time (ids and ballots are short). The last word overlaps
    /// the one before it (or, for keys under 8 bytes, is put together from two overlapping reads), so there is no byte loop.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(ReadOnlySpan<byte> key)
    {
        const ulong K = 0x9E3779B97F4A7C15UL;
        var n = key.Length;
        var h = (ulong)n * K;
        if (n >= 8)
        {
            ref var origin = ref MemoryMarshal.GetReference(key);
            for (var i = 0; i < n - 8; i += 8)
            {
                h = (h ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref origin, i))) * K;
                h ^= h >> 29;
            }

            h = (h ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref origin, n - 8))) * K;
        }
        else if (n >= 4)
        {
            h = (h ^ (BinaryPrimitives.ReadUInt32LittleEndian(key) | ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(key[(n - 4)..]) << 32))) * K;
        }
        else if (n > 0)
        {
            h = (h ^ (key[0] | ((ulong)key[n >> 1] << 8) | ((ulong)key[n - 1] << 16))) * K;
        }

        h ^= h >> 29;
        h *= K;
        return (int)(h >> 33);
    }

    /// <summary>The entry holding <paramref name="key"/> plus one, or 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Lookup(ReadOnlySpan<byte> key, int hash)
    {
        var table = slots;
        var mask = table.Length - 1;
        for (var slot = hash & mask; ; slot = (slot + 1) & mask)
        {
            ref var s = ref table[slot];
            if (s.Entry == 0)
            {
                return 0;
            }

            if (s.Hash == hash && s.Length == key.Length && SameBytes(key, arena.AsSpan(s.Start, s.Length)))
            {
                return s.Entry;
            }
        }
    }

    /// <summary>
    /// Whether two spans of equal length hold the same bytes. Keys are short, so they are compared 8 bytes at a time
    /// inline (the last word overlapping the one before, or two overlapping 4-byte reads) rather than through a call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool SameBytes(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var n = a.Length;
        if (n > 32 || n != b.Length)
        {
            return a.SequenceEqual(b);
        }

        ref var x = ref MemoryMarshal.GetReference(a);
        ref var y = ref MemoryMarshal.GetReference(b);
        if (n >= 8)
        {
            for (var i = 0; i < n - 8; i += 8)
            {
                if (Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref x, i)) != Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref y, i)))
                {
                    return false;
                }
            }

            return Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref x, n - 8)) == Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref y, n - 8));
        }

        if (n >= 4)
        {
            return Unsafe.ReadUnaligned<uint>(ref x) == Unsafe.ReadUnaligned<uint>(ref y)
                && Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref x, n - 4)) == Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref y, n - 4));
        }

        for (var i = 0; i < n; i++)
        {
            if (Unsafe.Add(ref x, i) != Unsafe.Add(ref y, i))
            {
                return false;
            }
        }

        return true;
    }

    private void Place(Slot entry)
    {
        var mask = slots.Length - 1;
        var slot = entry.Hash & mask;
        while (slots[slot].Entry != 0)
        {
            slot = (slot + 1) & mask;
        }

        slots[slot] = entry;
    }

    private void Rehash()
    {
        var old = slots;
        slots = PooledArrays.RentClearedExactly<Slot>(old.Length * 2);
        foreach (var s in old)
        {
            if (s.Entry != 0)
            {
                Place(s);
            }
        }

        PooledArrays.Return(ref old);
    }

    /// <summary>Gives the rented arrays back to the pool; the table must not be used afterwards.</summary>
    public void ReturnScratch()
    {
        PooledArrays.Return(ref slots);
        PooledArrays.Return(ref arena);
        PooledArrays.Return(ref values);
        count = 0;
    }

    private struct Slot
    {
        public int Hash;
        public int Entry; // entry + 1; 0 marks an empty slot
        public int Start;
        public int Length;
    }
}
