using System.Runtime.CompilerServices;

namespace Budgeting.Formats.Pabulib;

/// <summary>
/// Remembers numeric voter ids and the line of each, to report a repeated id. Files usually list voters
/// in increasing id order, so an id above every id so far is appended to a sorted run (no hashing, no cache
/// misses); only ids out of order go through a hash table, after a binary search of the run.
/// </summary>
internal sealed class VoterIdSet(int capacity)
{
    private long[] runIds = new long[Math.Max(16, capacity)];
    private int[] runLines = new int[Math.Max(16, capacity)];
    private int runCount;
    private LongIntTable? others;

    /// <summary>Adds <paramref name="id"/> (non-negative) seen on <paramref name="line"/>; false, with the earlier line, when it was seen before.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryAdd(long id, int line, out int firstLine)
    {
        firstLine = 0;
        if (runCount == 0 || id > runIds[runCount - 1])
        {
            // Every id seen so far is smaller, including those in the hash table.
            if (runCount == runIds.Length)
            {
                Array.Resize(ref runIds, runCount * 2);
                Array.Resize(ref runLines, runCount * 2);
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
}
