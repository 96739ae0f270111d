using BenchmarkDotNet.Attributes;
using Budgeting.Sortition;
using Budgeting.Sortition.Inputs;
using Budgeting.Sortition.Selection;

namespace Budgeting.Benchmarks;

/// <summary>
/// LEXIMIN on the paper's example_large_200 (pool 2,000, panel 200; published 1,161.8 s with Gurobi), a synthetic pool
/// of 2,500 with panel 150 and 4 features of 2–18 values, and a synthetic pool of 1,700 with panel 110 and 7 features
/// (the size of the paper's hardest instance, 4,011.6 s). One iteration each: these take seconds, and the machine is shared.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 0, iterationCount: 1, invocationCount: 1)]
public class LeximinBenchmarks
{
    /// <summary>The synthetic 2,500-person pool's features: 2 to 18 values.</summary>
    public static readonly int[] Pool2500Features = [2, 5, 9, 18];

    /// <summary>The synthetic 1,700-person pool's seven features.</summary>
    public static readonly int[] Pool1700Features = [2, 3, 4, 5, 6, 3, 4];

    private Pool? exampleLarge;

    /// <summary>Where progress lines go (the quick run prints them); null for none.</summary>
    public Action<string>? Log { get; set; }
    private Pool? pool2500;
    private Pool? pool1700;

    /// <summary>Loads and generates the pools.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var folder = FindExampleLarge();
        if (folder is not null)
        {
            exampleLarge = SortitionInputs.Load(Path.Combine(folder, "respondents.csv"), Path.Combine(folder, "categories.csv"), 200);
        }

        pool2500 = SyntheticPool.Generate(2500, 150, Pool2500Features);
        pool1700 = SyntheticPool.Generate(1700, 110, Pool1700Features);
    }

    /// <summary>example_large_200 (skipped when the shared data is absent).</summary>
    [Benchmark]
    public PanelDistribution? ExampleLarge200() => exampleLarge is null ? null : new Leximin { Log = Log }.Select(exampleLarge, 200);

    /// <summary>Synthetic: 2,500 people, panel 150, 4 features.</summary>
    [Benchmark]
    public PanelDistribution Synthetic2500() => new Leximin { Log = Log }.Select(pool2500!, 150);

    /// <summary>Synthetic: 1,700 people, panel 110, 7 features.</summary>
    [Benchmark]
    public PanelDistribution Synthetic1700() => new Leximin { Log = Log }.Select(pool1700!, 110);

    /// <summary>The example_large_200 folder in the shared data, or null.</summary>
    public static string? FindExampleLarge()
    {
        var shared = Environment.GetEnvironmentVariable("BUDGETING_SHARED");
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (shared is null && dir is not null)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared");
            if (File.Exists(Path.Combine(dir.FullName, "Budgeting.sln")) && Directory.Exists(candidate))
            {
                shared = candidate;
            }

            dir = dir.Parent;
        }

        var folder = shared is null ? null : Path.Combine(shared, "sortition", "example_large_200");
        return folder is not null && Directory.Exists(folder) ? folder : null;
    }
}
