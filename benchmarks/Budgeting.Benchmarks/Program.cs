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
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var outcome = RuleCatalog.Create(options).Tally(city.Election, city.Profile);
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        // A digest of the funding order and every explanation, to check that a faster engine changes no outcome.
        var digest = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            string.Join(",", outcome.Selected) + "\n" + string.Join("\n", outcome.Explanations.Select(x => x.ProjectId + ": " + x.Reason)))))[..16];
        Console.WriteLine($"{name}: {clock.Elapsed.TotalSeconds:F2} s wall, {used.TotalSeconds:F2} s CPU, {outcome.Selected.Count} funded, cost {outcome.TotalCost} of {outcome.Budget}; " +
            $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1_000_000} MB; outcome digest {digest}");
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

if (args is ["leximin-quick", .. var instances])
{
    // One timed LEXIMIN run per named instance (example-large, synthetic-2500, synthetic-1700): a quick check outside BenchmarkDotNet.
    var started = Stopwatch.StartNew();
    var bench = new LeximinBenchmarks { Log = line => Console.Error.WriteLine($"[{started.Elapsed.TotalSeconds,7:F1} s] {line}") };
    bench.Setup();
    foreach (var name in instances)
    {
        var clock = Stopwatch.StartNew();
        var distribution = name switch
        {
            "example-large" => bench.ExampleLarge200(),
            "synthetic-2500" => bench.Synthetic2500(),
            "synthetic-1700" => bench.Synthetic1700(),
            "synthetic-2500-population" => new Budgeting.Sortition.Selection.Leximin { Log = bench.Log }.Select(
                SyntheticPool.Generate(2500, 150, LeximinBenchmarks.Pool2500Features, populationQuotas: true), 150),
            "synthetic-2500-population-households" => new Budgeting.Sortition.Selection.Leximin { Log = bench.Log }.Select(
                WithHouseholds(SyntheticPool.Generate(2500, 150, LeximinBenchmarks.Pool2500Features, populationQuotas: true), 10), 150),
            "synthetic-1700-population" => new Budgeting.Sortition.Selection.Leximin { Log = bench.Log }.Select(
                SyntheticPool.Generate(1700, 110, LeximinBenchmarks.Pool1700Features, populationQuotas: true), 110),
            _ => throw new ArgumentException($"unknown instance {name}"),
        };
        Console.WriteLine(distribution is null
            ? $"{name}: shared data absent"
            : $"{name}: {clock.Elapsed.TotalSeconds:F2} s, {distribution.Panels.Count} panels, min probability {distribution.PersonProbabilities.Min():F4}, " +
              $"max {distribution.PersonProbabilities.Max():F4}; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1_000_000} MB; " +
              $"digest {LeximinDigest(distribution)}");
    }

    return;
}

if (args is ["ballots-quick", .. var ballotArgs])
{
    // Ballot submissions against the real host on loopback: ballots-quick [API_DLL] [CLIENTS...]; 10 s per client count.
    var dll = ballotArgs.Length > 0 && ballotArgs[0].EndsWith(".dll", StringComparison.Ordinal)
        ? ballotArgs[0]
        : Path.Combine("..", "..", "src", "Budgeting.Api", "bin", "Release", "net10.0", "Budgeting.Api.dll");
    var counts = ballotArgs.Where(a => !a.EndsWith(".dll", StringComparison.Ordinal)).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    var seconds = int.Parse(Environment.GetEnvironmentVariable("BUDGETING_BENCH_SECONDS") ?? "10", System.Globalization.CultureInfo.InvariantCulture);
    foreach (var clients in counts.Length > 0 ? counts : [1, 16, 64])
    {
        await BallotSubmissions.RunAsync(dll, clients, seconds, panelists: 2000);
    }

    return;
}

if (args is ["allocate-quick", .. var allocationRules])
{
    // Generates the allocation benchmark's 100,000 ballots once and times one aggregation per named rule, with CPU time.
    var (election, ballots) = AllocationBenchmarks.Generate();
    foreach (var name in allocationRules)
    {
        var rule = Budgeting.Tallying.Allocation.AllocationRules.Create(name);
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var outcome = rule.Allocate(election, ballots);
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine($"{name}: {clock.Elapsed.TotalSeconds:F3} s wall, {used.TotalSeconds:F3} s CPU; t* = {outcome.Time}; first areas {string.Join(", ", outcome.Amounts.Take(3))}");
    }

    return;
}

if (args is ["parse-loop", var timesText])
{
    // Parses Poland_Lodz_2022 (profile only) a number of times and prints the fastest and the median parse: a quick A/B
    // check outside BenchmarkDotNet (also a small harness to run under valgrind --tool=callgrind).
    var bench = new ParseBenchmarks();
    bench.Setup();
    var runs = int.Parse(timesText, System.Globalization.CultureInfo.InvariantCulture);
    for (var i = 0; i < 20; i++)
    {
        bench.Parse(); // warm-up: let tiered compilation settle
    }

    var times = new List<double>();
    var allocated = GC.GetAllocatedBytesForCurrentThread();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    for (var i = 0; i < runs; i++)
    {
        var clock = Stopwatch.StartNew();
        bench.Parse();
        times.Add(clock.Elapsed.TotalMilliseconds);
    }

    var cpuPerParse = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / Math.Max(1, runs);
    times.Sort();
    var perParse = (GC.GetAllocatedBytesForCurrentThread() - allocated) / Math.Max(1, runs);
    Console.WriteLine($"{runs} parses: fastest {times[0]:F2} ms, 10th percentile {times[times.Count / 10]:F2} ms, median {times[times.Count / 2]:F2} ms, process CPU {cpuPerParse:F2} ms per parse; " +
        $"{perParse / 1_000_000.0:F2} MB allocated per parse");
    return;
}

if (args is ["parse-count", var countText])
{
    // Parses Lodz (profile only) 3 times to warm up, then the given number of times inside a libc qsort comparison
    // callback, so that `valgrind --tool=callgrind --collect-atstart=no --toggle-collect=qsort` counts only those parses.
    var bench = new ParseBenchmarks();
    bench.Setup();
    for (var i = 0; i < 3; i++)
    {
        bench.Parse();
    }

    ParseCounter.Run(bench, int.Parse(countText, System.Globalization.CultureInfo.InvariantCulture));
    return;
}

if (ParseBenchmarks.FindElection() is null)
{
    Console.Error.WriteLine($"{ParseBenchmarks.ElectionName}.pb.gz was not found in ../shared/pabulib (or $BUDGETING_SHARED/pabulib): skipping ParseBenchmarks.");
    BenchmarkSwitcher.FromTypes([typeof(TallyBenchmarks), typeof(SlowTallyBenchmarks), typeof(InviteBenchmarks), typeof(AllocationBenchmarks)]).Run(args);
}
else
{
    BenchmarkSwitcher.FromAssembly(typeof(SyntheticCity).Assembly).Run(args);
}

// People 10j and 10j + 1 share a household (j = 0, 1, …): a pool whose types are partly single people with a one-per-household rule.
static Budgeting.Sortition.Pool WithHouseholds(Budgeting.Sortition.Pool pool, int every) => new(
    pool.Features,
    pool.People.Select((p, i) => i % every < 2 ? p with { Household = $"h{i / every}" } : p).ToList());

// SHA-256 (first 16 hex digits) of the distribution's panels and probabilities (round-trip format): equal digests, equal outputs.
static string LeximinDigest(Budgeting.Sortition.PanelDistribution distribution)
{
    var text = new System.Text.StringBuilder();
    for (var i = 0; i < distribution.Panels.Count; i++)
    {
        text.Append(string.Join(',', distribution.Panels[i])).Append(':')
            .Append(distribution.PanelProbabilities[i].ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
    }

    return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString())))[..16];
}
