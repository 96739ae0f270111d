using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Budgeting.Tallying;

namespace Budgeting.Benchmarks;

/// <summary>
/// Tallies the 10-million-ballot <see cref="SyntheticCity"/> with greedy, Equal Shares (no completion) and Phragmén
/// (Equal Shares with add1 completion, much slower, is in <see cref="SlowTallyBenchmarks"/>). The election is generated
/// once per process, outside the measurement. One launch, one warm-up, three measured runs: enough to see the order of
/// magnitude on a shared 2-core machine.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class TallyBenchmarks
{
    private SyntheticCity city = null!;

    /// <summary>Voters in the synthetic city; 10 million unless BUDGETING_BENCH_VOTERS says otherwise.</summary>
    public static int Voters =>
        int.TryParse(Environment.GetEnvironmentVariable("BUDGETING_BENCH_VOTERS"), out var n) && n > 0 ? n : 10_000_000;

    /// <summary>Generates the city.</summary>
    [GlobalSetup]
    public void Setup()
    {
        city = SyntheticCity.Generate(Voters);
        Console.WriteLine($"// synthetic city: {city.Profile.VoterCount} voters, {city.Profile.BallotCount} distinct ballots, {city.Profile.EntryCount} entries");
    }

    /// <summary>Greedy by approvals.</summary>
    [Benchmark]
    public Outcome Greedy() => Tally(new RuleOptions("greedy"));

    /// <summary>Method of Equal Shares, cost utilities, no completion.</summary>
    [Benchmark]
    public Outcome EqualSharesNoCompletion() => Tally(new RuleOptions("equal-shares"));

    /// <summary>Sequential Phragmén.</summary>
    [Benchmark]
    public Outcome Phragmen() => Tally(new RuleOptions("phragmen"));

    private Outcome Tally(RuleOptions options) => RuleCatalog.Create(options).Tally(city.Election, city.Profile);
}
