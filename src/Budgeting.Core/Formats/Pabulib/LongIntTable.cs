namespace Budgeting.Formats.Pabulib;

/// <summary>An open-addressing map from non-negative longs to ints, for voter ids written as numbers.</summary>
internal sealed class LongIntTable
{
    private long[] keys;
    private int[] values;
    private int count;

    public LongIntTable(int capacity)
    {
        var size = 16;
        while (size < capacity * 2)
        {
            size *= 2;
        }

        keys = new long[size];
        values = new int[size];
        Array.Fill(keys, -1L);
    }

    /// <summary>Adds <paramref name="key"/> with <paramref name="value"/>; when the key is already present returns false and its value.</summary>
    public bool TryAdd(long key, int value, out int existing)
    {
        var mask = keys.Length - 1;
        var slot = Slot(key, mask);
        while (keys[slot] != -1)
        {
            if (keys[slot] == key)
            {
                existing = values[slot];
                return false;
            }

            slot = (slot + 1) & mask;
        }

        keys[slot] = key;
        values[slot] = value;
        existing = 0;
        if (++count * 2 > keys.Length)
        {
            Grow();
        }

        return true;
    }

    /// <summary>Every key with its value, in no particular order.</summary>
    public IEnumerable<(long Key, int Value)> Entries()
    {
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i] != -1)
            {
                yield return (keys[i], values[i]);
            }
        }
    }

    private static int Slot(long key, int mask) => (int)((ulong)(key * -7046029254386353131L) >> 33) & mask;

    private void Grow()
    {
        var oldKeys = keys;
        var oldValues = values;
        keys = new long[oldKeys.Length * 2];
        values = new int[keys.Length];
        Array.Fill(keys, -1L);
        var mask = keys.Length - 1;
        for (var i = 0; i < oldKeys.Length; i++)
        {
            if (oldKeys[i] != -1)
            {
                var slot = Slot(oldKeys[i], mask);
                while (keys[slot] != -1)
                {
                    slot = (slot + 1) & mask;
                }

                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }
}
