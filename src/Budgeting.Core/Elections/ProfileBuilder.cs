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
    private int[] offsets = new int[1025];
    private int[] entries = new int[4096];
    private int[]? points;
    private long[] multiplicities = new long[1024];
    private int[] hashes = new int[1024];
    private int[] table = new int[2048];
    private int count;
    private long voters;
    private int[] scratchProjects = new int[16];
    private int[] scratchPoints = new int[16];

    /// <summary>Starts an empty profile.</summary>
    /// <param name="projectCount">The number of projects; every index must be below it.</param>
    /// <param name="ranked">Keep each ballot's order (ordinal ballots). Otherwise ballots are sorted by project index, so that the same set merges whatever its order.</param>
    /// <param name="withPoints">Ballots carry points (cumulative, scoring).</param>
    public ProfileBuilder(int projectCount, bool ranked = false, bool withPoints = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(projectCount);
        this.projectCount = projectCount;
        this.ranked = ranked;
        this.withPoints = withPoints;
        if (withPoints)
        {
            points = new int[entries.Length];
        }
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

        if (!ranked && n > 1)
        {
            if (withPoints)
            {
                p.Sort(q);
            }
            else
            {
                p.Sort();
            }
        }

        Validate(p);
        var hash = Hash(p, q);
        var mask = table.Length - 1;
        var slot = hash & mask;
        while (table[slot] != 0)
        {
            var candidate = table[slot] - 1;
            if (hashes[candidate] == hash && SameBallot(candidate, p, q))
            {
                multiplicities[candidate] += multiplicity;
                voters += multiplicity;
                return candidate;
            }

            slot = (slot + 1) & mask;
        }

        var index = Append(p, q, hash, multiplicity);
        table[slot] = index + 1;
        if ((long)count * 2 > table.Length)
        {
            Rehash();
        }

        return index;
    }

    /// <summary>Freezes what has been added into a profile. The builder must not be used afterwards.</summary>
    public Profile Build()
    {
        var used = offsets[count];
        return new Profile(
            projectCount,
            offsets[..(count + 1)],
            entries[..used],
            points?[..used],
            multiplicities[..count],
            voters);
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

    private static int Hash(ReadOnlySpan<int> p, ReadOnlySpan<int> q)
    {
        var h = new HashCode();
        h.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(p));
        h.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(q));
        h.Add(p.Length);
        return h.ToHashCode() & int.MaxValue;
    }

    private bool SameBallot(int ballot, ReadOnlySpan<int> p, ReadOnlySpan<int> q)
    {
        var start = offsets[ballot];
        var length = offsets[ballot + 1] - start;
        return length == p.Length
            && entries.AsSpan(start, length).SequenceEqual(p)
            && (points is null || points.AsSpan(start, length).SequenceEqual(q));
    }

    private int Append(ReadOnlySpan<int> p, ReadOnlySpan<int> q, int hash, long multiplicity)
    {
        if (count + 1 >= offsets.Length)
        {
            Array.Resize(ref offsets, offsets.Length * 2);
        }

        if (count >= multiplicities.Length)
        {
            Array.Resize(ref multiplicities, multiplicities.Length * 2);
            Array.Resize(ref hashes, hashes.Length * 2);
        }

        var start = offsets[count];
        if (start + p.Length > entries.Length)
        {
            var size = Math.Max(entries.Length * 2L, start + (long)p.Length);
            if (size > Array.MaxLength)
            {
                throw new InvalidOperationException("The profile holds more project entries than one array can.");
            }

            Array.Resize(ref entries, (int)size);
            if (points is not null)
            {
                Array.Resize(ref points, (int)size);
            }
        }

        p.CopyTo(entries.AsSpan(start));
        if (points is not null)
        {
            q.CopyTo(points.AsSpan(start));
        }

        offsets[count + 1] = start + p.Length;
        multiplicities[count] = multiplicity;
        hashes[count] = hash;
        voters += multiplicity;
        return count++;
    }

    private void Rehash()
    {
        table = new int[table.Length * 2];
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
