using System.Runtime.CompilerServices;

namespace Budgeting.Formats.Pabulib;

/// <summary>
/// Remembers numeric voter ids and the line of each, to report a repeated id. Files usually list voters in increasing
/// id order, so an id above every id so far is appended to a sorted run (no hashing, no cache misses); only ids out of
/// order go through a hash table, after a search of the run. The run is kept small, since it is written for every voter
/// and would otherwise push the ballot tables out of the processor's cache: each id is stored as its 32-bit step from
/// the one before, in blocks that start with a full id, and lines are stored only where they do not follow on from the
/// line before (most files have one voter per line).
/// </summary>
internal sealed class VoterIdSet(int capacity)
{
    private const int BlockLength = 64; // the most steps summed to find an id in the run

    // Rented (see PooledArrays); ReturnScratch gives them back.
    private uint[] steps = PooledArrays.Rent<uint>(Math.Max(16, capacity)); // steps[i]: id i minus id i - 1 (unused where a block starts)
    private long[] blockIds = PooledArrays.Rent<long>(Math.Max(16, capacity / BlockLength + 1)); // the first id of each block
    private int[] blockStarts = PooledArrays.Rent<int>(Math.Max(16, capacity / BlockLength + 1)); // where each block starts in the run
    private int blockCount;
    private int[] jumpStarts = PooledArrays.Rent<int>(16); // run entries whose line does not follow on from the entry before
    private int[] jumpLines = PooledArrays.Rent<int>(16);
    private int jumpCount;
    private int runCount;
    private long last = -1; // the largest id in the run (and so of all ids seen)
    private int nextLine = -1; // the line that would follow on from the last entry's
    private LongIntTable? others;

    /// <summary>Adds <paramref name="id"/> (non-negative) seen on <paramref name="line"/>; false, with the earlier line, when it was seen before.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryAdd(long id, int line, out int firstLine)
    {
        var count = runCount;
        var step = id - last;
        if (step > 0 && step <= uint.MaxValue && line == nextLine && (count & (BlockLength - 1)) != 0 && count < steps.Length)
        {
            // Every id seen so far is smaller, including those in the hash table.
            steps[count] = (uint)step;
            last = id;
            nextLine = line + 1;
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
        if (id > last)
        {
            Append(id, line);
            return true;
        }

        var found = IndexOf(id);
        if (found >= 0)
        {
            firstLine = LineOf(found);
            return false;
        }

        others ??= new LongIntTable(1024);
        return others.TryAdd(id, line, out firstLine);
    }

    /// <summary>Appends an id above every id so far to the run, starting a block when needed, and notes its line when it does not follow on.</summary>
    private void Append(long id, int line)
    {
        var count = runCount;
        if (count == steps.Length)
        {
            PooledArrays.Grow(ref steps, count * 2);
        }

        if ((count & (BlockLength - 1)) == 0 || id - last > uint.MaxValue || blockCount == 0)
        {
            if (blockCount == blockIds.Length)
            {
                PooledArrays.Grow(ref blockIds, blockCount * 2);
                PooledArrays.Grow(ref blockStarts, blockCount * 2);
            }

            blockIds[blockCount] = id;
            blockStarts[blockCount] = count;
            blockCount++;
        }
        else
        {
            steps[count] = (uint)(id - last);
        }

        if (line != nextLine)
        {
            if (jumpCount == jumpStarts.Length)
            {
                PooledArrays.Grow(ref jumpStarts, jumpCount * 2);
                PooledArrays.Grow(ref jumpLines, jumpCount * 2);
            }

            jumpStarts[jumpCount] = count;
            jumpLines[jumpCount] = line;
            jumpCount++;
        }

        last = id;
        nextLine = line + 1;
        runCount = count + 1;
    }

    /// <summary>Where <paramref name="id"/> is in the run, or -1.</summary>
    private int IndexOf(long id)
    {
        var block = Array.BinarySearch(blockIds, 0, blockCount, id);
        if (block >= 0)
        {
            return blockStarts[block];
        }

        block = ~block - 1; // the last block starting below id
        if (block < 0)
        {
            return -1;
        }

        var end = block + 1 < blockCount ? blockStarts[block + 1] : runCount;
        var value = blockIds[block];
        for (var i = blockStarts[block] + 1; i < end && value < id; i++)
        {
            value += steps[i];
            if (value == id)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The line of run entry <paramref name="index"/>.</summary>
    private int LineOf(int index)
    {
        var jump = Array.BinarySearch(jumpStarts, 0, jumpCount, index);
        if (jump < 0)
        {
            jump = ~jump - 1; // the first entry always starts a jump, so there is one at or before index
        }

        return jumpLines[jump] + (index - jumpStarts[jump]);
    }

    /// <summary>Every id in the set with its line: the run in order, then the others in no particular order.</summary>
    public IEnumerable<(long Id, int Line)> Entries()
    {
        for (var block = 0; block < blockCount; block++)
        {
            var start = blockStarts[block];
            var end = block + 1 < blockCount ? blockStarts[block + 1] : runCount;
            var value = blockIds[block];
            for (var i = start; i < end; i++)
            {
                value += i > start ? steps[i] : 0;
                yield return (value, LineOf(i));
            }
        }

        if (others is not null)
        {
            foreach (var entry in others.Entries())
            {
                yield return entry;
            }
        }
    }

    /// <summary>Gives the rented arrays back to the pool; the set must not be used afterwards.</summary>
    public void ReturnScratch()
    {
        PooledArrays.Return(ref steps);
        PooledArrays.Return(ref blockIds);
        PooledArrays.Return(ref blockStarts);
        PooledArrays.Return(ref jumpStarts);
        PooledArrays.Return(ref jumpLines);
        runCount = 0;
    }
}
