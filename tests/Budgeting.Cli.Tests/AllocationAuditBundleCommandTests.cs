using System.IO.Compression;
using System.Text;
using Budgeting.Audit;
using Budgeting.Tallying.Allocation;

namespace Budgeting.Cli.Tests;

/// <summary>
/// <c>budgeting audit-bundle</c> on an allocation vote's bundle: a lottery that <c>budgeting draw</c> and
/// <c>reveal</c> wrote, and three proposals of a budget of 90 over two areas aggregated by the median rule.
/// By hand: the proposals are (60, 30), (30, 60) and (45, 45); the medians are 45 and 45, which already sum to 90, so
/// the allocation is 45, 45 (shares 1/2, 1/2).
/// </summary>
[TestFixture]
public sealed class AllocationAuditBundleCommandTests
{
    private const string Seed = "2026-06-01 allocation seed";
    private static readonly AllocationElection Vote = new(["culture", "transport"], 90);
    private static readonly AllocationSettings Settings = new("median", Vote);
    private static readonly AllocationBallot[] Proposals = [new("a", [60, 30]), new("b", [30, 60]), new("c", [45, 45])];
    private string folder = null!;

    [SetUp]
    public void CreateFolder()
    {
        folder = Path.Combine(Path.GetTempPath(), "budgeting-allocation-bundle-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    [Test]
    public void A_faithful_allocation_bundle_passes_with_exit_code_0()
    {
        var contents = Contents();
        Assert.That(Encoding.UTF8.GetString(contents.ResultsJson), Does.Contain("\"allocation\": {\n    \"culture\": 45,\n    \"transport\": 45\n  }"));

        var (code, output, error) = Run(WriteBundle(contents));

        Assert.That(code, Is.Zero, output + error);
        Assert.That(output, Does.Contain("ok   results.json: identical to the re-run aggregation of ballots.csv with median\n"));
        Assert.That(output, Does.EndWith("audit-bundle passed: every file, the lottery, the panel, the ballots and the tally check out\n"));
    }

    [Test]
    public void The_bundles_ballots_csv_is_budgeting_allocates_input_and_gives_the_published_results()
    {
        var contents = Contents();
        var csv = Path.Combine(folder, "ballots.csv");
        File.WriteAllBytes(csv, contents.BallotsPb);

        var (code, output, error) = CliRun.Lottery("allocate", csv, "--budget", "90", "--rule", "median", "--format", "json");

        Assert.That(code, Is.Zero, error);
        Assert.That(output, Is.EqualTo(Encoding.UTF8.GetString(contents.ResultsJson)));
    }

    [Test]
    public void A_ballots_csv_changed_after_publication_exits_1_naming_it()
    {
        var path = WriteBundle(Contents());
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            var csv = Read(zip, "ballots.csv").Replace(",45,45\n", ",90,0\n", StringComparison.Ordinal);
            zip.GetEntry("ballots.csv")!.Delete();
            using var stream = zip.CreateEntry("ballots.csv").Open();
            stream.Write(Encoding.UTF8.GetBytes(csv));
        }

        var (code, output, error) = Run(path);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Does.Contain("FAIL ballots.csv: its SHA-256 is "));
        Assert.That(error, Is.EqualTo("budgeting audit-bundle: 1 problem(s) found\n"));
    }

    [Test]
    public void Forged_ballots_with_a_matching_manifest_exit_1_naming_both_allocations()
    {
        // The bundle's ballots: (60, 30), (30, 60), (90, 0): medians 60 and 30 sum to 90, so 60, 30; the published
        // results say 45, 45.
        var contents = Contents() with { BallotsPb = AnonymousAllocationBallots.ToBytes(Vote, [Proposals[0], Proposals[1], new("x", [90, 0])], Seed) };

        var (code, output, _) = Run(WriteBundle(contents));

        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Does.Contain("FAIL results.json: allocates culture 45, transport 45 but the re-run aggregation of ballots.csv with median allocates culture 60, transport 30\n"));
    }

    private static (int Code, string Out, string Error) Run(string path) => CliRun.Lottery("audit-bundle", path);

    private static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private string WriteBundle(AuditBundleContents contents)
    {
        var path = Path.Combine(folder, "bundle.zip");
        File.WriteAllBytes(path, AuditBundle.ToBytes(contents));
        return path;
    }

    private AuditBundleContents Contents()
    {
        var lottery = BundleLottery.Draw(folder, Seed);
        var csv = AnonymousAllocationBallots.ToBytes(Vote, Proposals, Seed);
        var file = AnonymousAllocationBallots.Read(csv, AuditBundle.AllocationBallots, Settings);
        using var results = new MemoryStream();
        AllocationJson.Write(AnonymousAllocationBallots.Tally(file, Settings, AuditBundle.AllocationBallots), results);
        return lottery.Contents(
            Encoding.UTF8.GetBytes("{\"budget\": 90, \"ballotKind\": \"allocation\", \"rule\": {\"name\": \"median\"}, \"areas\": [{\"id\": \"culture\"}, {\"id\": \"transport\"}]}\n"),
            Settings.ToBytes(),
            csv,
            results.ToArray(), AuditBundle.AllocationBallots);
    }
}
