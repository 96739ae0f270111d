using System.Runtime.CompilerServices;
namespace Budgeting.Sortition.Invitations;

/// <summary>
/// A set of 128-bit household fingerprints (the first 16 bytes of SHA-256 of the normalized household key), by open
/// addressing with linear probing: 16 bytes a household, about 256 MB for 10 million. Two different keys share a
/// fingerprint with probability about n²/2¹²⁹, which for 10 million households is below 10⁻²⁴.
/// </summary>
internal sealed class HouseholdSet
{
    private UInt128[] slots = new UInt128[1 << 16];
    private int count;

    /// <summary>Adds <paramref name="fingerprint"/>; false when it was already there.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Add(UInt128 fingerprint)
    {
        if (fingerprint == UInt128.Zero)
        {
            fingerprint = UInt128.One; // zero marks an empty slot
        }

        if ((count + 1) * 4L > slots.Length * 3L)
        {
            Grow();
        }

        if (!Insert(slots, fingerprint))
        {
            return false;
        }

        count++;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Insert(UInt128[] table, UInt128 fingerprint)
    {
        var mask = table.Length - 1;
        var index = (int)((ulong)fingerprint & (ulong)mask);
        while (true)
        {
            var slot = table[index];
            if (slot == UInt128.Zero)
            {
                table[index] = fingerprint;
                return true;
            }

            if (slot == fingerprint)
            {
                return false;
            }

            index = (index + 1) & mask;
        }
    }

    private void Grow()
    {
        var larger = new UInt128[slots.Length * 2];
        foreach (var slot in slots)
        {
            if (slot != UInt128.Zero)
            {
                Insert(larger, slot);
            }
        }

        slots = larger;
    }
}
