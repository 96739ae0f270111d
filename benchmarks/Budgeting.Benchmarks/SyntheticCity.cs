using Budgeting.Elections;
using Budgeting.Randomness;

namespace Budgeting.Benchmarks;

/// <summary>
/// A deterministic synthetic approval election at city scale: by default 10,000,000 voters and 300
/// projects, each ballot approving 3 to 7 projects (5 on average) drawn without replacement with
/// Zipf-like popularity (project j drawn with weight 1 / (j + 1)). Costs are multiples of 1,000 between
/// 50,000 and 2,000,000; the budget is a third of the total cost. Everything comes from one
/// <see cref="SeededStream"/>, so the same seed gives the same election on every machine.
/// </summary>
public static class SyntheticCity
{
    /// <summary>Builds the election and its profile.</summary>
    /// <param name="voters">Number of voters.</param>
    /// <param name="projects">Number of projects.</param>
    /// <param name="seed">The seed of the random stream.</param>
    public static (Election Election, Profile Profile) Create(int voters = 10_000_000, int projects = 300, string seed = "synthetic-city")
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(voters);
        ArgumentOutOfRangeException.ThrowIfLessThan(projects, 8);
        var stream = new SeededStream(seed);
        var list = new Project[projects];
        long total = 0;
        for (var j = 0; j < projects; j++)
        {
            var cost = (50 + (long)stream.NextBelow(1951)) * 1000;
            list[j] = new Project((j + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), cost);
            total += cost;
        }

        var election = new Election(list, total / 3, BallotKind.Approval, rule: "synthetic");

        // Cumulative Zipf weights scaled to 2^32, so a 32-bit draw picks a project by binary search.
        var cumulative = new ulong[projects];
        double harmonic = 0;
        for (var j = 0; j < projects; j++)
        {
            harmonic += 1.0 / (j + 1);
        }

        double running = 0;
        for (var j = 0; j < projects; j++)
        {
            running += 1.0 / (j + 1) / harmonic;
            cumulative[j] = j == projects - 1 ? 1UL << 32 : (ulong)(running * (1UL << 32));
        }

        var builder = new ProfileBuilder(projects);
        Span<int> ballot = stackalloc int[8];
        ulong pool = 0;
        var poolLeft = 0;
        uint Next32()
        {
            if (poolLeft == 0)
            {
                pool = stream.NextUInt64();
                poolLeft = 2;
            }

            poolLeft--;
            var v = (uint)pool;
            pool >>= 32;
            return v;
        }

        for (var v = 0; v < voters; v++)
        {
            var length = 3 + (int)(Next32() % 5);
            var n = 0;
            while (n < length)
            {
                var x = (ulong)Next32();
                var lo = 0;
                var hi = projects - 1;
                while (lo < hi)
                {
                    var mid = (lo + hi) >> 1;
                    if (cumulative[mid] > x)
                    {
                        hi = mid;
                    }
                    else
                    {
                        lo = mid + 1;
                    }
                }

                if (!ballot[..n].Contains(lo))
                {
                    ballot[n++] = lo;
                }
            }

            builder.Add(ballot[..n]);
        }

        return (election, builder.Build());
    }
}
