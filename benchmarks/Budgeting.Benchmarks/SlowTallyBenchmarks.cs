using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Budgeting.Tallying;
using Budgeting.Tallying.Rules;

namespace Budgeting.Benchmarks;

/// <summary>
/// Equal Shares with add1 completion on the 10-million-ballot <see cref="SyntheticCity"/>: it re-runs the method for
/// every step of the per-voter budget, so one run takes minutes; it is measured once, without a warm-up.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1)]
public class SlowTallyBenchmarks
{
    private SyntheticCity city = null!;

    /// <summary>Generates the city.</summary>
    [GlobalSetup]
    public void Setup() => city = SyntheticCity.Generate(TallyBenchmarks.Voters);

    /// <summary>Method of Equal Shares, cost utilities, add1 completion.</summary>
    [Benchmark]
    public Outcome EqualSharesAdd1() =>
        RuleCatalog.Create(new RuleOptions("equal-shares", Completion: Completion.Add1)).Tally(city.Election, city.Profile);
}
