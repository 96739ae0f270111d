using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Budgeting.Formats.Pabulib;

/// <summary>
/// An open-addressing hash table keyed by UTF-8 bytes, so that project ids, raw ballots and repeated column
/// values can be looked up straight from the line buffer without allocating a string. Each slot holds the
/// hash, the key's place in one shared byte arena and the value, so a lookup touches one slot and the arena.
/// </summary>
internal sealed class Utf8Table
{
    // Slots, arena and values are rented (see PooledArrays); ReturnScratch gives them back.
    private Slot[] slots = EmptySlots(32);
    private byte[] arena = PooledArrays.Rent<byte>(1024);
    private int arenaLength;
    private string?[] strings = new string?[16];
    private int[] values = PooledArrays.Rent<int>(16);
    private int count;

    public int Count => count;

    /// <summary>The entry holding <paramref name="key"/>, or -1.</summary>
    public int Find(ReadOnlySpan<byte> key)
    {
        var slot = Lookup(key, Hash(key));
        return slot < 0 ? -1 : slots[slot].Entry - 1;
    }

    /// <summary>Looks up the value stored with <paramref name="key"/>.</summary>
    public bool TryGetValue(ReadOnlySpan<byte> key, out int value)
    {
        var slot = Lookup(key, Hash(key));
        value = slot < 0 ? 0 : slots[slot].Value;
        return slot >= 0;
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
        Place(new Slot { Hash = Hash(key), Entry = count, Start = arenaLength, Length = key.Length, Value = value });
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

    /// <summary>The text stored with an entry (one added with text).</summary>
    public string Text(int entry) => strings[entry]!;

    /// <summary>The value stored with an entry.</summary>
    public int Value(int entry) => values[entry];

    /// <summary>A fast non-cryptographic hash that reads 8 bytes at a time (ids and ballots are short).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Hash(ReadOnlySpan<byte> key)
    {
        const ulong K = 0x9E3779B97F4A7C15UL;
        var h = (ulong)key.Length * K;
        while (key.Length >= 8)
        {
            h = (h ^ BinaryPrimitives.ReadUInt64LittleEndian(key)) * K;
            h ^= h >> 29;
            key = key[8..];
        }

        if (!key.IsEmpty)
        {
            ulong tail = 0;
            for (var i = 0; i < key.Length; i++)
            {
                tail |= (ulong)key[i] << (8 * i);
            }

            h = (h ^ tail) * K;
            h ^= h >> 29;
        }

        h *= K;
        return (int)(h >> 33);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Lookup(ReadOnlySpan<byte> key, int hash)
    {
        var mask = slots.Length - 1;
        for (var slot = hash & mask; slots[slot].Entry != 0; slot = (slot + 1) & mask)
        {
            ref var s = ref slots[slot];
            if (s.Hash == hash && s.Length == key.Length && key.SequenceEqual(arena.AsSpan(s.Start, s.Length)))
            {
                return slot;
            }
        }

        return -1;
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
        slots = EmptySlots(old.Length * 2);
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

    /// <summary>A rented, cleared slot array of exactly <paramref name="length"/> slots (a power of two, as the pool hands out).</summary>
    private static Slot[] EmptySlots(int length)
    {
        var rented = PooledArrays.Rent<Slot>(length);
        if (rented.Length != length)
        {
            PooledArrays.Return(ref rented);
            rented = new Slot[length];
        }

        Array.Clear(rented);
        return rented;
    }

    private struct Slot
    {
        public int Hash;
        public int Entry; // entry + 1; 0 marks an empty slot
        public int Start;
        public int Length;
        public int Value;
    }
}
