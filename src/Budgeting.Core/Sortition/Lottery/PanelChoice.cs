using Budgeting.Randomness;

namespace Budgeting.Sortition.Lottery;

/// <summary>
/// Chooses the panel of a uniform lottery from the published seed: the slot index is
/// <c>SeededStream(seed).NextBelow(m)</c>, the first bounded integer of the seed's stream (docs/lottery.md).
/// </summary>
public static class PanelChoice
{
    /// <summary>The 0-based slot index chosen by <paramref name="seed"/> among <paramref name="m"/> slots.</summary>
    public static int Index(string seed, int m)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(m, 1);
        return (int)new SeededStream(seed).NextBelow((ulong)m);
    }
}
