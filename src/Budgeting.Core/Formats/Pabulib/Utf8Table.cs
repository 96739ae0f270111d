using System.Buffers.Binary;
using System.Text;

namespace Budgeting.Formats.Pabulib;

/// <summary>
/// A small open-addressing hash table keyed by UTF-8 bytes, so that project ids and repeated column
/// values can be looked up straight from the line buffer without allocating a string.
/// </summary>
internal sealed class Utf8Table
{
    private byte[][] keys = new byte[16][];
    private string?[] strings = new string?[16];
    private int[] values = new int[16];
    private int[] hashes = new int[16];
    private int[] slots = new int[32];
    private int count;

    public int Count => count;

    /// <summary>The entry holding <paramref name="key"/>, or -1.</summary>
    public int Find(ReadOnlySpan<byte> key)
    {
        var hash = Hash(key);
        var mask = slots.Length - 1;
        for (var slot = hash & mask; slots[slot] != 0; slot = (slot + 1) & mask)
        {
            var entry = slots[slot] - 1;
            if (hashes[entry] == hash && key.SequenceEqual(keys[entry]))
            {
                return entry;
            }
        }

        return -1;
    }

    /// <summary>Adds a key that is not present yet and returns its entry.</summary>
    public int Add(ReadOnlySpan<byte> key, string? text, int value)
    {
        if (count == keys.Length)
        {
            Array.Resize(ref keys, count * 2);
            Array.Resize(ref strings, count * 2);
            Array.Resize(ref values, count * 2);
            Array.Resize(ref hashes, count * 2);
        }

        var hash = Hash(key);
        keys[count] = key.ToArray();
        strings[count] = text;
        values[count] = value;
        hashes[count] = hash;
        count++;
        if (count * 2 > slots.Length)
        {
            Rehash();
        }
        else
        {
            Place(count - 1);
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

    public string Text(int entry) => strings[entry]!;

    public int Value(int entry) => values[entry];

    /// <summary>A fast non-cryptographic hash that reads 8 bytes at a time (ids and ballots are short).</summary>
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

    private void Place(int entry)
    {
        var mask = slots.Length - 1;
        var slot = hashes[entry] & mask;
        while (slots[slot] != 0)
        {
            slot = (slot + 1) & mask;
        }

        slots[slot] = entry + 1;
    }

    private void Rehash()
    {
        slots = new int[slots.Length * 2];
        for (var i = 0; i < count; i++)
        {
            Place(i);
        }
    }
}
