using System.Buffers;
using System.Runtime.CompilerServices;

namespace Budgeting.Elections;

/// <summary>
/// Accumulates ballots into a <see cref="Profile"/>, merging identical ballots as they arrive, so
/// that memory grows with the number of distinct ballots rather than the number of voters.
/// </summary>
public sealed class ProfileBuilder
{
    private readonly int projectCount;
    private readonly bool ranked;
    private readonly bool withPoints;
    private readonly bool pooled;
    private int[] offsets;
    private int[] entries;
    private int[]? points;
    private long[] multiplicities;
    private int[] hashes;
    private int[] table;
    private int count;
    private long voters;
    private int[] scratchProjects = new int[16];
    private int[] scratchPoints = new int[16];

    /// <summary>Starts an empty profile.</summary>
    /// <param name="projectCount">The number of projects; every index must be below it.</param>
    /// <param name="ranked">Keep each ballot's order (ordinal ballots). Otherwise ballots are sorted by project index, so that the same set merges whatever its order.</param>
    /// <param name="withPoints">Ballots carry points (cumulative, scoring).</param>
    public ProfileBuilder(int projectCount, bool ranked = false, bool withPoints = false)
        : this(projectCount, ranked, withPoints, pooled: false)
    {
    }

    /// <summary>
    /// Starts an empty profile. With <paramref name="pooled"/> the working arrays are rented from the shared array pool
    /// and given back by <see cref="Build"/> (the Pabulib reader reads file after file; the profile itself is never pooled).
    /// <paramref name="expectedBallots"/> sizes the working arrays for that many distinct ballots up front (they still grow
    /// past it), which spares the reader of a large file the rehashing and copying of a table that starts small.
    /// </summary>
    internal ProfileBuilder(int projectCount, bool ranked, bool withPoints, bool pooled, int expectedBallots = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(projectCount);
        this.projectCount = projectCount;
        this.ranked = ranked;
        this.withPoints = withPoints;
        this.pooled = pooled;
        var ballots = 1024;
        while (ballots < expectedBallots && ballots < 1 << 22)
        {
            ballots *= 2;
        }

        offsets = NewArray<int>(ballots + 1);
        offsets[0] = 0;
        entries = NewArray<int>(ballots * 4);
        if (withPoints)
        {
            points = NewArray<int>(entries.Length);
        }

        multiplicities = NewArray<long>(ballots);
        hashes = NewArray<int>(multiplicities.Length);
        table = NewArray<int>(ballots * 2);
        table.AsSpan().Clear();
    }

    /// <summary>The number of voters added so far.</summary>
    public long VoterCount => voters;

    /// <summary>The number of distinct ballots so far.</summary>
    public int BallotCount => count;

    /// <summary>Adds <paramref name="multiplicity"/> voters who all cast this ballot, and returns the distinct ballot's index.</summary>
    /// <param name="ballotProjects">Project indices. Must not repeat.</param>
    /// <param name="ballotPoints">Points parallel to <paramref name="ballotProjects"/>, when the builder takes points; otherwise empty.</param>
    /// <param name="multiplicity">How many voters cast it; positive.</param>
    /// <exception cref="ArgumentException">An index is out of range or repeats, or points do not match.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Add(ReadOnlySpan<int> ballotProjects, ReadOnlySpan<int> ballotPoints = default, long multiplicity = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(multiplicity);
        if (ballotPoints.Length != (withPoints ? ballotProjects.Length : 0))
        {
            throw new ArgumentException("Points must be given, one per project, exactly when the profile takes points.", nameof(ballotPoints));
        }

        var n = ballotProjects.Length;
        if (scratchProjects.Length < n)
        {
            scratchProjects = new int[Math.Max(n, scratchProjects.Length * 2)];
            scratchPoints = new int[scratchProjects.Length];
        }

        var p = scratchProjects.AsSpan(0, n);
        var q = scratchPoints.AsSpan(0, withPoints ? n : 0);
        ballotProjects.CopyTo(p);
        if (withPoints)
        {
            ballotPoints.CopyTo(q);
        }

        if (!ranked)
        {
            SortByProject(p, q);
        }

        Validate(p);
        var index = Intern(p, q);
        multiplicities[index] += multiplicity;
        voters += multiplicity;
        return index;
    }

    /// <summary>
    /// Adds a ballot for no voter yet (see <see cref="AddVoters"/>) and returns the distinct ballot's index. The caller
    /// guarantees what <see cref="Add"/> checks: indices in range, none repeated, points exactly when the builder takes
    /// them. Unranked ballots are sorted in place.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int AddUnchecked(Span<int> ballotProjects, Span<int> ballotPoints)
    {
        if (!ranked)
        {
            SortByProject(ballotProjects, ballotPoints);
        }

        return Intern(ballotProjects, ballotPoints);
    }

    /// <summary>Adds <paramref name="multiplicity"/> (positive) voters to distinct ballot <paramref name="ballot"/>.</summary>
    internal void AddVoters(int ballot, long multiplicity)
    {
        multiplicities[ballot] += multiplicity;
        voters += multiplicity;
    }

    /// <summary>
    /// Adds every distinct ballot of <paramref name="other"/> (built with the same settings) for no voter yet, in its
    /// order, and returns where each one is here: new ones are appended in the order <paramref name="other"/> met them.
    /// </summary>
    internal int[] InternAll(ProfileBuilder other)
    {
        if (other.ranked != ranked || other.withPoints != withPoints || other.projectCount != projectCount)
        {
            throw new ArgumentException("The builders disagree on their settings.", nameof(other));
        }

        var map = new int[other.count];
        for (var i = 0; i < other.count; i++)
        {
            var start = other.offsets[i];
            var length = other.offsets[i + 1] - start;
            map[i] = Intern(
                other.entries.AsSpan(start, length),
                other.points is null ? default : other.points.AsSpan(start, length),
                other.hashes[i]);
        }

        return map;
    }

    /// <summary>Gives the working arrays back to the pool without building a profile (a pooled builder whose ballots were merged elsewhere). The builder must not be used afterwards.</summary>
    internal void Release()
    {
        if (!pooled || table.Length == 0)
        {
            return;
        }

        ArrayPool<int>.Shared.Return(offsets);
        ArrayPool<int>.Shared.Return(entries);
        if (points is not null)
        {
            ArrayPool<int>.Shared.Return(points);
        }

        ArrayPool<long>.Shared.Return(multiplicities);
        ArrayPool<int>.Shared.Return(hashes);
        ArrayPool<int>.Shared.Return(table);
        offsets = entries = hashes = table = [];
        points = null;
        multiplicities = [];
    }

    /// <summary>The index of the distinct ballot (p, q), appended with multiplicity 0 when new.</summary>
    private int Intern(ReadOnlySpan<int> p, ReadOnlySpan<int> q) => Intern(p, q, Hash(p, q));

    /// <summary>The index of the distinct ballot (p, q), whose <see cref="Hash"/> is <paramref name="hash"/>, appended with multiplicity 0 when new.</summary>
    private int Intern(ReadOnlySpan<int> p, ReadOnlySpan<int> q, int hash)
    {
        var mask = table.Length - 1;
        var slot = hash & mask;
        while (table[slot] != 0)
        {
            var candidate = table[slot] - 1;
            if (hashes[candidate] == hash && SameBallot(candidate, p, q))
            {
                return candidate;
            }

            slot = (slot + 1) & mask;
        }

        var index = Append(p, q, hash);
        table[slot] = index + 1;
        if ((long)count * 2 > table.Length)
        {
            Rehash();
        }

        return index;
    }

    /// <summary>Sorts a ballot by project index, keeping each project's points with it (insertion sort for the usual short ballot).</summary>
    private static void SortByProject(Span<int> p, Span<int> q)
    {
        if (p.Length > 16)
        {
            if (q.IsEmpty)
            {
                p.Sort();
            }
            else
            {
                p.Sort(q);
            }

            return;
        }

        for (var i = 1; i < p.Length; i++)
        {
            var key = p[i];
            var j = i - 1;
            if (p[j] <= key)
            {
                continue;
            }

            var value = q.IsEmpty ? 0 : q[i];
            while (j >= 0 && p[j] > key)
            {
                p[j + 1] = p[j];
                if (!q.IsEmpty)
                {
                    q[j + 1] = q[j];
                }

                j--;
            }

            p[j + 1] = key;
            if (!q.IsEmpty)
            {
                q[j + 1] = value;
            }
        }
    }

    /// <summary>Freezes what has been added into a profile. The builder must not be used afterwards.</summary>
    public Profile Build()
    {
        var used = offsets[count];
        var profile = new Profile(
            projectCount,
            offsets[..(count + 1)],
            entries[..used],
            points?[..used],
            multiplicities[..count],
            voters);
        Release();
        return profile;
    }

    private void Validate(ReadOnlySpan<int> p)
    {
        for (var i = 0; i < p.Length; i++)
        {
            if ((uint)p[i] >= (uint)projectCount)
            {
                throw new ArgumentException($"Project index {p[i]} is out of range 0..{projectCount - 1}.", nameof(p));
            }
        }

        var hasRepeat = false;
        if (!ranked)
        {
            for (var i = 1; i < p.Length; i++)
            {
                hasRepeat |= p[i] == p[i - 1];
            }
        }
        else
        {
            for (var i = 1; i < p.Length && !hasRepeat; i++)
            {
                hasRepeat = p[..i].Contains(p[i]);
            }
        }

        if (hasRepeat)
        {
            throw new ArgumentException("A ballot names the same project twice.", nameof(p));
        }
    }

    /// <summary>A fast non-cryptographic hash of a ballot (multiply and fold, one step per entry).</summary>
    private static int Hash(ReadOnlySpan<int> p, ReadOnlySpan<int> q)
    {
        const ulong K = 0x9E3779B97F4A7C15UL;
        var h = (ulong)p.Length * K;
        foreach (var x in p)
        {
            h = (h ^ (uint)x) * K;
        }

        foreach (var x in q)
        {
            h = ((h >> 29) ^ h ^ (uint)x) * K;
        }

        h ^= h >> 29;
        h *= K;
        return (int)(h >> 33);
    }

    private bool SameBallot(int ballot, ReadOnlySpan<int> p, ReadOnlySpan<int> q)
    {
        var start = offsets[ballot];
        var length = offsets[ballot + 1] - start;
        return length == p.Length
            && entries.AsSpan(start, length).SequenceEqual(p)
            && (points is null || points.AsSpan(start, length).SequenceEqual(q));
    }

    private int Append(ReadOnlySpan<int> p, ReadOnlySpan<int> q, int hash)
    {
        if (count + 1 >= offsets.Length)
        {
            Grow(ref offsets, offsets.Length * 2L);
        }

        if (count >= multiplicities.Length)
        {
            Grow(ref multiplicities, multiplicities.Length * 2L);
            Grow(ref hashes, multiplicities.Length);
        }

        var start = offsets[count];
        if (start + p.Length > entries.Length)
        {
            var size = Math.Max(entries.Length * 2L, start + (long)p.Length);
            if (size > Array.MaxLength)
            {
                throw new InvalidOperationException("The profile holds more project entries than one array can.");
            }

            Grow(ref entries, size);
            if (points is not null)
            {
                Grow(ref points, size);
            }
        }

        p.CopyTo(entries.AsSpan(start));
        if (points is not null)
        {
            q.CopyTo(points.AsSpan(start));
        }

        offsets[count + 1] = start + p.Length;
        multiplicities[count] = 0;
        hashes[count] = hash;
        return count++;
    }

    /// <summary>A new working array of at least <paramref name="length"/> elements (rented when pooled; contents undefined then).</summary>
    private T[] NewArray<T>(int length) => pooled ? ArrayPool<T>.Shared.Rent(length) : new T[length];

    /// <summary>Replaces a working array by a longer one (at most <see cref="Array.MaxLength"/>) that starts with the same elements.</summary>
    private void Grow<T>(ref T[] array, long length)
    {
        var bigger = NewArray<T>((int)Math.Min(length, Array.MaxLength));
        array.AsSpan().CopyTo(bigger);
        if (pooled)
        {
            ArrayPool<T>.Shared.Return(array);
        }

        array = bigger;
    }

    private void Rehash()
    {
        var old = table;
        table = NewArray<int>(table.Length * 2);
        table.AsSpan().Clear();
        if (pooled)
        {
            ArrayPool<int>.Shared.Return(old);
        }

        var mask = table.Length - 1;
        for (var i = 0; i < count; i++)
        {
            var slot = hashes[i] & mask;
            while (table[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            table[slot] = i + 1;
        }
    }
}
