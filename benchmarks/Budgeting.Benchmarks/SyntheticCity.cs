using Budgeting.Elections;
using Budgeting.Randomness;

namespace Budgeting.Benchmarks;

/// <summary>
/// A deterministic, city-scale approval election generated in memory from a seed with <see cref="SeededStream"/>:
/// by default 10,000,000 voters, 300 projects, about 5.3 approvals per ballot (1 to 10, peaking at 5), Zipf-like
/// popularity (a project's weight is 1/(r + 10) for its popularity rank r, ranks shuffled so popularity does not follow
/// id or cost), costs spread log-evenly from 20,000 to about 2,500,000 (many small projects, a few large ones) and a
/// budget of a quarter of the total cost. Everything is integer arithmetic, so every machine builds the same election.
/// </summary>
public sealed class SyntheticCity
{
    private static readonly long[] CostSteps =
        [20_000, 25_000, 32_000, 40_000, 50_000, 63_000, 80_000, 100_000, 125_000, 160_000, 200_000,
         250_000, 320_000, 400_000, 500_000, 630_000, 800_000, 1_000_000, 1_250_000, 1_600_000, 2_000_000];

    // Ballot lengths 1..10 with these weights (out of 100): mean 5.3.
    private static readonly int[] LengthWeights = [6, 8, 10, 12, 22, 12, 10, 8, 6, 6];

    private SyntheticCity(Election election, Profile profile)
    {
        Election = election;
        Profile = profile;
    }

    /// <summary>The election: projects, budget, approval ballots with max_length 10.</summary>
    public Election Election { get; }

    /// <summary>The ballots.</summary>
    public Profile Profile { get; }

    /// <summary>Generates the election.</summary>
    /// <param name="voters">How many voters.</param>
    /// <param name="projects">How many projects.</param>
    /// <param name="seed">The seed of the stream.</param>
    public static SyntheticCity Generate(int voters = 10_000_000, int projects = 300, string seed = "budgeting synthetic city 2026")
    {
        var random = new SeededStream(seed);
        var list = new List<Project>(projects);
        long total = 0;
        for (var i = 0; i < projects; i++)
        {
            var step = CostSteps[(int)random.NextBelow((ulong)CostSteps.Length)];
            var cost = (step + (long)random.NextBelow((ulong)(step / 4))) / 100 * 100;
            list.Add(new Project((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), cost, $"Project {i + 1}"));
            total += cost;
        }

        var election = new Election(list, total / 4, BallotKind.Approval, new BallotLimits(MinLength: 1, MaxLength: LengthWeights.Length), "greedy");

        var ranks = Enumerable.Range(0, projects).ToArray();
        random.Shuffle<int>(ranks);
        var cumulative = new long[projects];
        long sum = 0;
        for (var i = 0; i < projects; i++)
        {
            sum += 1_000_000_000L / (ranks[i] + 10);
            cumulative[i] = sum;
        }

        var lengthCumulative = new int[LengthWeights.Length];
        var lengthSum = 0;
        for (var i = 0; i < LengthWeights.Length; i++)
        {
            lengthSum += LengthWeights[i];
            lengthCumulative[i] = lengthSum;
        }

        var builder = new ProfileBuilder(projects);
        var ballot = new int[LengthWeights.Length];
        var draws = new Draws(random);
        for (var v = 0; v < voters; v++)
        {
            var pick = (int)draws.Below((ulong)lengthSum);
            var length = 1;
            while (lengthCumulative[length - 1] <= pick)
            {
                length++;
            }

            var filled = 0;
            while (filled < length)
            {
                var x = (long)draws.Below((ulong)sum);
                var project = Array.BinarySearch(cumulative, x + 1);
                project = project < 0 ? ~project : project;
                if (Array.IndexOf(ballot, project, 0, filled) < 0)
                {
                    ballot[filled++] = project;
                }
            }

            builder.Add(ballot.AsSpan(0, length));
        }

        return new SyntheticCity(election, builder.Build());
    }

    /// <summary>Two 32-bit draws from each 64-bit word of the stream, scaled by multiply-and-shift (bias below 2^-32 × bound).</summary>
    private sealed class Draws(SeededStream stream)
    {
        private ulong word;
        private bool half;

        public ulong Below(ulong bound)
        {
            if (!half)
            {
                word = stream.NextUInt64();
            }

            var bits = half ? word & 0xFFFF_FFFF : word >> 32;
            half = !half;
            return (bits * bound) >> 32;
        }
    }
}
