using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Budgeting.Formats.Pabulib;
using Budgeting.Tallying;
using Budgeting.Tallying.Rules;

namespace Budgeting.Benchmarks;

/// <summary>
/// Reads <c>Poland_Lodz_2022</c> (90,494 voters, 160 projects) from plain <c>.pb</c> text already in memory, so the
/// figure is the parser's speed (divide the file size by the mean for MB/s), then reads and tallies it. The file comes
/// from the shared corpus (<c>../shared/pabulib</c>, or the folder named by <c>BUDGETING_SHARED</c>); <c>Program</c>
/// skips this class with a message when it is absent.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class ParseBenchmarks
{
    /// <summary>The election read and tallied.</summary>
    public const string ElectionName = "Poland_Lodz_2022";

    private static readonly PabulibReadOptions ProfileOnly = new() { KeepVoters = false };
    private byte[] text = [];

    /// <summary>Finds the gzip-compressed election in the shared corpus, or <see langword="null"/>.</summary>
    public static string? FindElection()
    {
        var folders = new List<string>();
        if (Environment.GetEnvironmentVariable("BUDGETING_SHARED") is { Length: > 0 } shared)
        {
            folders.Add(shared);
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                folders.Add(Path.Combine(dir.FullName, "shared"));
                folders.Add(Path.Combine(dir.FullName, "..", "shared"));
            }
        }

        return folders
            .Select(f => Path.Combine(f, "pabulib", ElectionName + ".pb.gz"))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Decompresses the election into memory.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var path = FindElection() ?? throw new FileNotFoundException($"{ElectionName}.pb.gz not found in the shared corpus.");
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        text = buffer.ToArray();
        Console.WriteLine($"// {ElectionName}.pb: {text.Length} bytes of plain text");
    }

    /// <summary>Parses the file into an election and a profile (voters not kept, as <c>tally</c> does).</summary>
    [Benchmark]
    public PabulibFile Parse() => Read(ProfileOnly);

    /// <summary>Parses the file keeping every voter, as <c>tally --format pb</c> does.</summary>
    [Benchmark]
    public PabulibFile ParseKeepingVoters() => Read(PabulibReadOptions.Default);

    /// <summary>Parses and tallies with greedy.</summary>
    [Benchmark]
    public Outcome ParseAndTallyGreedy() => Tally(new RuleOptions("greedy"));

    /// <summary>Parses and tallies with Equal Shares and add1 completion.</summary>
    [Benchmark]
    public Outcome ParseAndTallyEqualSharesAdd1() => Tally(new RuleOptions("equal-shares", Completion: Completion.Add1));

    private PabulibFile Read(PabulibReadOptions options)
    {
        using var stream = new MemoryStream(text, writable: false);
        return PabulibReader.Read(stream, ElectionName + ".pb", options);
    }

    private Outcome Tally(RuleOptions options)
    {
        var file = Read(ProfileOnly);
        return RuleCatalog.Create(options).Tally(file.Election, file.Profile);
    }
}
