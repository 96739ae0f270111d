using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Budgeting.Randomness;
using Budgeting.Tallying.Allocation;

namespace Budgeting.Benchmarks;

/// <summary>
/// Aggregates 100,000 allocation ballots over 20 areas (a budget of USD 20 million in cents) with Independent Markets,
/// Piecewise Uniform and the mean. The ballots are generated once, outside the measurement, from a seed: each panelist
/// weighs every area by a random number below 1,000 times a popularity (the area's index + 1), the budget is split in
/// proportion (floors, the rest to one random area), and one panelist in ten puts everything in one random area.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class AllocationBenchmarks
{
    /// <summary>The number of ballots.</summary>
    public const int Panelists = 100_000;

    /// <summary>The number of areas.</summary>
    public const int Areas = 20;

    /// <summary>USD 20 million in cents.</summary>
    public const long Budget = 2_000_000_000;

    private AllocationElection election = null!;
    private AllocationBallot[] ballots = null!;

    /// <summary>Generates the ballots.</summary>
    [GlobalSetup]
    public void Setup() => (election, ballots) = Generate();

    /// <summary>Independent Markets (the target: under 1 s).</summary>
    [Benchmark]
    public AllocationOutcome IndependentMarkets() => new IndependentMarkets().Allocate(election, ballots);

    /// <summary>Piecewise Uniform.</summary>
    [Benchmark]
    public AllocationOutcome PiecewiseUniform() => new PiecewiseUniform().Allocate(election, ballots);

    /// <summary>The mean, for scale.</summary>
    [Benchmark]
    public AllocationOutcome Mean() => new MeanAllocation().Allocate(election, ballots);

    /// <summary>The benchmark's vote.</summary>
    public static (AllocationElection Election, AllocationBallot[] Ballots) Generate()
    {
        var random = new SeededStream("allocation benchmark 2026");
        var areas = Enumerable.Range(1, Areas).Select(j => $"area-{j:D2}").ToArray();
        var result = new AllocationBallot[Panelists];
        var weights = new long[Areas];
        for (var i = 0; i < Panelists; i++)
        {
            var amounts = new long[Areas];
            if (random.NextBelow(10) == 0)
            {
                amounts[random.NextBelow(Areas)] = Budget;
            }
            else
            {
                long total = 0;
                for (var j = 0; j < Areas; j++)
                {
                    weights[j] = (long)random.NextBelow(1000) * (j + 1);
                    total += weights[j];
                }

                long given = 0;
                for (var j = 0; j < Areas; j++)
                {
                    amounts[j] = total == 0 ? 0 : (long)((Int128)Budget * weights[j] / total);
                    given += amounts[j];
                }

                amounts[random.NextBelow(Areas)] += Budget - given;
            }

            result[i] = new AllocationBallot("p" + i, amounts);
        }

        return (new AllocationElection(areas, Budget), result);
    }
}
