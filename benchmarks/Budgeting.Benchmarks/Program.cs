using System.Diagnostics;
using BenchmarkDotNet.Running;
using Budgeting.Benchmarks;
using Budgeting.Tallying;
using Budgeting.Tallying.Rules;

if (args is ["city-stats", ..])
{
    // Generates the synthetic city once and prints its shape, time and memory: a quick check outside BenchmarkDotNet.
    var clock = Stopwatch.StartNew();
    var city = SyntheticCity.Generate(TallyBenchmarks.Voters);
    var profile = city.Profile;
    GC.Collect();
    Console.WriteLine($"voters {profile.VoterCount}, distinct ballots {profile.BallotCount}, entries {profile.EntryCount}, " +
        $"budget {city.Election.Budget}, total cost {city.Election.Projects.Sum(p => p.Cost)}");
    Console.WriteLine($"generated in {clock.Elapsed.TotalSeconds:F1} s; managed heap {GC.GetTotalMemory(true) / 1_000_000} MB; " +
        $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1_000_000} MB");
    return;
}

if (args is ["city-tally", .. var rules])
{
    // Generates the synthetic city once and times one tally per named rule: a quick check outside BenchmarkDotNet.
    var city = SyntheticCity.Generate(TallyBenchmarks.Voters);
    foreach (var name in rules)
    {
        var options = name switch
        {
            "equal-shares-add1" => new RuleOptions("equal-shares", Completion: Completion.Add1),
            _ => new RuleOptions(name),
        };
        var clock = Stopwatch.StartNew();
        var outcome = RuleCatalog.Create(options).Tally(city.Election, city.Profile);
        Console.WriteLine($"{name}: {clock.Elapsed.TotalSeconds:F2} s, {outcome.Selected.Count} funded, cost {outcome.TotalCost} of {outcome.Budget}; " +
            $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1_000_000} MB");
    }

    return;
}

if (args is ["invite-register", var registerPath, var rowText])
{
    // Writes the InviteBenchmarks register to a path, to time `budgeting invite` on it outside BenchmarkDotNet.
    var clock = Stopwatch.StartNew();
    InviteBenchmarks.WriteRegister(registerPath, long.Parse(rowText, System.Globalization.CultureInfo.InvariantCulture));
    Console.WriteLine($"wrote {registerPath} ({new FileInfo(registerPath).Length:N0} bytes) in {clock.Elapsed.TotalSeconds:F1} s");
    return;
}

if (ParseBenchmarks.FindElection() is null)
{
    Console.Error.WriteLine($"{ParseBenchmarks.ElectionName}.pb.gz was not found in ../shared/pabulib (or $BUDGETING_SHARED/pabulib): skipping ParseBenchmarks.");
    BenchmarkSwitcher.FromTypes([typeof(TallyBenchmarks), typeof(SlowTallyBenchmarks), typeof(InviteBenchmarks)]).Run(args);
}
else
{
    BenchmarkSwitcher.FromAssembly(typeof(SyntheticCity).Assembly).Run(args);
}
