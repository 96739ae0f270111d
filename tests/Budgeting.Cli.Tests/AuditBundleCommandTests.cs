using System.IO.Compression;
using System.Text;
using Budgeting.Audit;
using Budgeting.Elections;
using Budgeting.Formats.Pabulib;
using Budgeting.Sortition.Lottery;
using Budgeting.Tallying;
using Budgeting.Tallying.Reports;

namespace Budgeting.Cli.Tests;

/// <summary>
/// <c>budgeting audit-bundle</c> on a bundle built from a lottery that <c>budgeting draw</c> and <c>reveal</c> wrote,
/// with three ballots tallied by greedy.
/// </summary>
[TestFixture]
public sealed class AuditBundleCommandTests
{
    private const string Seed = "2026-05-01 lottery numbers 4 8 15";
    private static readonly Election Election = new(
        [new Project("a", 40, "Park"), new Project("b", 30, "Bikes"), new Project("c", 50, "Library"), new Project("d", 20, "Benches")],
        100, BallotKind.Approval);

    private static readonly AnonymousBallot[] Ballots = [new(["a", "b"]), new(["a", "c"]), new(["b", "d"])];
    private string folder = null!;

    [SetUp]
    public void CreateFolder()
    {
        folder = Path.Combine(Path.GetTempPath(), "budgeting-bundle-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    [Test]
    public void A_faithful_bundle_passes_with_exit_code_0()
    {
        var (code, output, error) = Run(WriteBundle(Contents()));

        Assert.That(code, Is.Zero, output + error);
        Assert.That(output, Does.EndWith("audit-bundle passed: every file, the lottery, the panel, the ballots and the tally check out\n"));
        Assert.That(output, Does.Contain("ok   results.json: identical to the re-run tally of ballots.pb with greedy"));
        Assert.That(error, Is.Empty);
    }

    [Test]
    public void Results_that_do_not_follow_from_the_ballots_exit_1_naming_both_outcomes()
    {
        // Other ballots, same published results. Votes: c 3, a 1, d 1: greedy funds c, d (cheaper than a), then b fits.
        var contents = Contents() with { BallotsPb = BallotsPb([new(["c", "d"]), new(["c"]), new(["a", "c"])]) };

        var (code, output, error) = Run(WriteBundle(contents));

        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Does.Contain("FAIL results.json: funds b, a, d but the re-run tally of ballots.pb with greedy funds c, d, b\n"));
        Assert.That(error, Is.EqualTo("budgeting audit-bundle: 1 problem(s) found\n"));
    }

    [Test]
    public void A_ballot_file_changed_after_publication_exits_1_naming_it()
    {
        var path = WriteBundle(Contents());
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            zip.GetEntry("ballots.pb")!.Delete();
            using var stream = zip.CreateEntry("ballots.pb").Open();
            stream.Write(BallotsPb([new(["c"]), new(["c"]), new(["c"])]));
        }

        var (code, output, _) = Run(path);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Does.Contain("FAIL ballots.pb: its SHA-256 is "));
        Assert.That(output, Does.Contain("but manifest.json records"));
    }

    [Test]
    public void A_wrong_panel_index_exits_1()
    {
        var contents = Contents();
        var round = contents.Rounds[0];
        var m = LotteryFile.Parse(round.LotteryJson).M;
        var wrong = (round.ChosenIndex + 1) % m;

        var (code, output, _) = Run(WriteBundle(contents with { Rounds = [round with { ChosenIndex = wrong }] }));

        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Does.Contain($"FAIL lottery/round-0/reveal.json: records panel index {wrong} but the seed '{Seed}' gives {round.ChosenIndex} of {m}\n"));
    }

    [Test]
    public void A_file_that_is_not_a_bundle_exits_2()
    {
        var path = Path.Combine(folder, "bundle.zip");
        File.WriteAllText(path, "hello");

        var (code, output, error) = Run(path);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.StartWith($"budgeting audit-bundle: {path}: not an audit bundle: not a zip file: "));
    }

    [Test]
    public void A_zip_without_a_manifest_exits_2()
    {
        var path = Path.Combine(folder, "bundle.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using var stream = zip.CreateEntry("results.json").Open();
            stream.Write("{}"u8);
        }

        var (code, _, error) = Run(path);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Is.EqualTo($"budgeting audit-bundle: {path}: not an audit bundle: no manifest.json in the zip\n"));
    }

    [Test]
    public void A_missing_file_exits_2()
    {
        var path = Path.Combine(folder, "absent.zip");

        var (code, _, error) = Run(path);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Is.EqualTo($"budgeting audit-bundle: {path}: no such file\n"));
    }

    private static (int Code, string Out, string Error) Run(string path) => CliRun.Lottery("audit-bundle", path);

    private string WriteBundle(AuditBundleContents contents)
    {
        var path = Path.Combine(folder, "bundle.zip");
        File.WriteAllBytes(path, AuditBundle.ToBytes(contents));
        return path;
    }

    private AuditBundleContents Contents()
    {
        var lottery = BundleLottery.Draw(folder, Seed);
        var ballots = BallotsPb(Ballots);
        var file = PabulibReader.Read(new MemoryStream(ballots), "ballots.pb");
        var outcome = RuleCatalog.Create(new RuleOptions("greedy")).Tally(file.Election, file.Profile);
        using var results = new MemoryStream();
        JsonReport.Write(OutcomeReport.Create(file.Election, file.Profile, outcome, "ballots.pb"), results);
        return lottery.Contents(
            Encoding.UTF8.GetBytes("{\"budget\": 100, \"rule\": {\"name\": \"greedy\"}}\n"),
            TallySettings.Write(new RuleOptions("greedy")),
            ballots,
            results.ToArray());
    }

    private static byte[] BallotsPb(IReadOnlyList<AnonymousBallot> ballots)
    {
        using var buffer = new MemoryStream();
        AnonymousBallots.Write(Election, ballots, Seed, [new("unit", "Testville")], buffer);
        return buffer.ToArray();
    }
}
