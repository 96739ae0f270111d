using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Budgeting.Arithmetic;
using Budgeting.Sortition.Invitations;

namespace Budgeting.Benchmarks;

/// <summary>
/// <c>invite</c> on a generated register of 10 million rows (BUDGETING_BENCH_ROWS overrides), written once per process
/// to a temporary folder outside the measurement: 20 districts × 4 age bands as strata, one letter per household
/// (street, number, postcode), 10,000 letters. One launch, no warm-up, three measured runs.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 3)]
public class InviteBenchmarks
{
    private static readonly InvitationRequest Request = new(
        ["district", "age_band"], 10_000, "9319./2.5.8.10.12./9.18.26.34.41.45./", ["street", "number", "postcode"],
        new Dictionary<string, Rational> { ["D07|18-29"] = 2 });

    private string folder = null!;
    private string register = null!;

    /// <summary>Rows in the generated register; 10 million unless BUDGETING_BENCH_ROWS says otherwise.</summary>
    public static long Rows =>
        long.TryParse(Environment.GetEnvironmentVariable("BUDGETING_BENCH_ROWS"), out var n) && n > 0 ? n : 10_000_000;

    /// <summary>Writes the register.</summary>
    [GlobalSetup]
    public void Setup()
    {
        folder = Path.Combine(Path.GetTempPath(), "budgeting-invite-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        register = Path.Combine(folder, "register.csv");
        WriteRegister(register, Rows);
        Console.WriteLine($"// register: {Rows:N0} rows, {new FileInfo(register).Length:N0} bytes");
    }

    /// <summary>Deletes the register.</summary>
    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(folder, recursive: true);

    /// <summary>Draws 10,000 households, writing the sample to a null stream.</summary>
    [Benchmark]
    public InvitationResult Invite() => InvitationSampler.Draw(register, "register.csv", Request, Stream.Null);

    /// <summary>
    /// Writes a synthetic register of <paramref name="rows"/> rows: about 2.2 people per household, a household's
    /// members scattered through the file (as in a register sorted by name), addresses on 2,000 streets in 20 districts.
    /// Deterministic arithmetic, no random generator.
    /// </summary>
    public static void WriteRegister(string path, long rows)
    {
        string[] ages = ["18-29", "30-44", "45-64", "65+"];
        var households = Math.Max(1, rows * 10 / 22);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("id,first_name,last_name,street,number,postcode,district,age_band\n");
        var line = new StringBuilder();
        for (long r = 0; r < rows; r++)
        {
            var household = (long)((ulong)(r * 2_654_435_761L) % (ulong)households);
            var street = household % 2_000;
            var mixed = (ulong)(r * 6_364_136_223_846_793_005L + 1_442_695_040_888_963_407L) >> 33;
            line.Clear();
            line.Append(CultureInfo.InvariantCulture, $"{r + 1},Name{mixed % 5_000},Family{household % 40_000},Street {street},");
            line.Append(CultureInfo.InvariantCulture, $"{household / 2_000 + 1},{10_000 + street},D{street % 20 + 1:00},{ages[mixed % 4]}\n");
            writer.Write(line);
        }
    }
}
