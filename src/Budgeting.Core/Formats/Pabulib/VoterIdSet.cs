using System.Runtime.CompilerServices;

namespace Budgeting.Formats.Pabulib;

/// <summary>
/// Remembers numeric voter ids and the line of each, to report a repeated id. Files usually list voters
/// in increasing id order, so an id above every id so far is appended to a sorted run (no hashing, no cache
/// misses); only ids out of order go through a hash table, after a binary search of the run.
/// </summary>
internal sealed class VoterIdSet(int capacity)
{
    // Rented (see PooledArrays); ReturnScratch gives them back.
    private long[] runIds = PooledArrays.Rent<long>(Math.Max(16, capacity));
    private int[] runLines = PooledArrays.Rent<int>(Math.Max(16, capacity));
    private int runCount;
    private LongIntTable? others;

    /// <summary>Adds <paramref name="id"/> (non-negative) seen on <paramref name="line"/>; false, with the earlier line, when it was seen before.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryAdd(long id, int line, out int firstLine)
    {
        var count = runCount;
        if (count < runIds.Length && count < runLines.Length && (count == 0 || id > runIds[count - 1]))
        {
            // Every id seen so far is smaller, including those in the hash table.
            runIds[count] = id;
            runLines[count] = line;
            runCount = count + 1;
            firstLine = 0;
            return true;
        }

        return TryAddSlow(id, line, out firstLine);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryAddSlow(long id, int line, out int firstLine)
    {
        firstLine = 0;
        if (runCount == 0 || id > runIds[runCount - 1])
        {
            if (runCount == runIds.Length)
            {
                PooledArrays.Grow(ref runIds, runCount * 2);
            }

            if (runCount == runLines.Length)
            {
                PooledArrays.Grow(ref runLines, runCount * 2);
            }

            runIds[runCount] = id;
            runLines[runCount] = line;
            runCount++;
            return true;
        }

        var found = Array.BinarySearch(runIds, 0, runCount, id);
        if (found >= 0)
        {
            firstLine = runLines[found];
            return false;
        }

        others ??= new LongIntTable(1024);
        return others.TryAdd(id, line, out firstLine);
    }

    /// <summary>Gives the rented arrays back to the pool; the set must not be used afterwards.</summary>
    public void ReturnScratch()
    {
        PooledArrays.Return(ref runIds);
        PooledArrays.Return(ref runLines);
        runCount = 0;
    }
}
