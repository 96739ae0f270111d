using System.Text.Json;
using Budgeting.Formats.Pabulib;

namespace Budgeting.Cli.Tests;

public sealed class TallyCommandTests
{
    private string folder = null!;
    private string small = null!;
    private string tied = null!;

    [SetUp]
    public void CreateFolder()
    {
        folder = Path.Combine(Path.GetTempPath(), "budgeting-cli-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        small = Fixtures.Write(folder, "small.pb", Fixtures.Small);
        tied = Fixtures.Write(folder, "tied.pb", Fixtures.Tied);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    private static string[] Selected(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("selected").EnumerateArray().Select(e => e.GetString()!).ToArray();
    }

    // Worked by hand on Fixtures.Small (budget 100; costs 60, 30, 42, 5; approvals 4, 3, 2, 1):
    // greedy takes 1 (60), 2 (90), skips 3 (42 > 10 left), takes 4 (95).
    [TestCase(new[] { "--rule", "greedy" }, new[] { "1", "2", "4" })]
    // greedy-no-skip stops at project 3, the first that does not fit.
    [TestCase(new[] { "--rule", "greedy-no-skip" }, new[] { "1", "2" })]
    // The file declares rule greedy, so the official rule is greedy.
    [TestCase(new[] { "--rule", "official" }, new[] { "1", "2", "4" })]
    // Equal Shares, cost utilities: each voter holds 100/6. Project 1 costs its 4 supporters 15 each per 60 of utility
    // (1/4 per unit), project 2 10 each per 30 (1/3), project 4 5 per 5 (1); project 3 needs 42 from two voters holding
    // 100/3: unaffordable. Round 1 buys 1; its supporters keep 5/3 each, too little for 2; round 2 buys 4; voter 5 keeps
    // 35/3, and with voter 6's 50/3 that is still short of 42. Outcome 1, 4.
    [TestCase(new[] { "--rule", "equal-shares" }, new[] { "1", "4" })]
    // Cardinality utilities: the cheapest payment per supporter wins: 4 (5), then 2 (10 each from voters 1-3, who keep
    // 20/3), then 1 would need 60 from 3 × 20/3 + 50/3 = 110/3: unaffordable; 3 stays unaffordable. Outcome 4, 2.
    [TestCase(new[] { "--rule", "equal-shares", "--utility", "cardinality" }, new[] { "4", "2" })]
    // add1: the outcome stays 1, 4 until each voter holds 21, when 3 becomes affordable (2 × 21 = 42) before 4 and
    // the outcome 1, 3 costs 102 > 100; so the last outcome within the budget is 1, 4.
    [TestCase(new[] { "--rule", "equal-shares", "--completion", "add1" }, new[] { "1", "4" })]
    // add1u then fills the 35 left by approvals: project 2 (30) fits, project 3 (42) does not.
    [TestCase(new[] { "--rule", "equal-shares", "--completion", "add1u" }, new[] { "1", "4", "2" })]
    // Phragmén: project 4 at time 5 (5/1), then 2 at time 10 (30/3), then 1 at (60 + 30)/4 = 22.5 before 3 at
    // (42 + 5)/2 = 23.5; 1 brings the total to 95, and 3 no longer fits.
    [TestCase(new[] { "--rule", "phragmen" }, new[] { "4", "2", "1" })]
    public void Tally_EachRuleOnSmallFixture_SelectsTheHandWorkedOutcome(string[] options, string[] expected)
    {
        var (code, output, error) = CliRun.Tally([small, .. options, "--format", "json"]);
        Assert.That(error, Is.Empty);
        Assert.That(code, Is.EqualTo(0));
        Assert.That(Selected(output), Is.EqualTo(expected));
    }

    [Test]
    public void Tally_MaxWelfare_FundsTheMostApprovalsThatFit()
    {
        // Feasible sets with the most approvals: {1, 2, 4} costs 95 and has 4 + 3 + 1 = 8; adding 3 overspends, and any
        // set with 3 (42) leaves room for at most one of 1 (60) or 2 (30), so at most 2 + 3 + 1 = 6.
        var (code, output, _) = CliRun.Tally(small, "--rule", "max-welfare", "--format", "json");
        Assert.That(code, Is.EqualTo(0));
        Assert.That(Selected(output), Is.EquivalentTo(new[] { "1", "2", "4" }));
    }

    [Test]
    public void Tally_Json_HasSelectedTotalCostBudgetRuleAndTies()
    {
        var (code, output, _) = CliRun.Tally(small, "--rule", "greedy", "--format", "json");
        Assert.That(code, Is.EqualTo(0));
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        Assert.That(root.GetProperty("totalCost").GetInt64(), Is.EqualTo(95));
        Assert.That(root.GetProperty("budget").GetInt64(), Is.EqualTo(100));
        Assert.That(root.GetProperty("leftover").GetInt64(), Is.EqualTo(5));
        Assert.That(root.GetProperty("rule").GetString(), Does.StartWith("greedy"));
        Assert.That(root.GetProperty("ties").ValueKind, Is.EqualTo(JsonValueKind.Array));
        Assert.That(root.GetProperty("file").GetString(), Is.EqualTo("small.pb"));
    }

    [Test]
    public void Tally_Text_ReportsSpendingAndLeftover()
    {
        var (code, output, _) = CliRun.Tally(small, "--rule", "greedy");
        Assert.That(code, Is.EqualTo(0));
        Assert.That(output, Does.StartWith("Outcome of small.pb\n"));
        Assert.That(output, Does.Contain("Total spent: 95 of 100 (95%)\nLeftover: 5\n"));
    }

    [Test]
    public void Tally_PbToStdout_IsReadableWithTheComputedSelectedColumn()
    {
        // Equal Shares funds 1 and 4 (see the rule cases above), unlike the file's own greedy rule.
        var (code, output, _) = CliRun.Tally(small, "--rule", "equal-shares", "--format", "pb");
        Assert.That(code, Is.EqualTo(0));
        var reread = PabulibReader.ReadText(output, "out.pb");
        Assert.That(reread.Selected, Is.EqualTo(new int?[] { 1, 0, 0, 1 }));
        Assert.That(reread.Profile.VoterCount, Is.EqualTo(6));
    }

    [Test]
    public void Tally_PbToOutFile_IsReadableWithTheComputedSelectedColumn()
    {
        var target = Path.Combine(folder, "out.pb");
        var (code, output, _) = CliRun.Tally(small, "--rule", "greedy-no-skip", "--format", "pb", "--out", target);
        Assert.That(code, Is.EqualTo(0));
        Assert.That(output, Is.Empty);
        Assert.That(PabulibReader.Read(target).Selected, Is.EqualTo(new int?[] { 1, 1, 0, 0 }));
    }

    [Test]
    public void Tally_PbToGzipOutFile_IsCompressedAndReadable()
    {
        var target = Path.Combine(folder, "out.pb.gz");
        var (code, _, _) = CliRun.Tally(small, "--rule", "greedy", "--format", "pb", "--out", target);
        Assert.That(code, Is.EqualTo(0));
        Assert.That(File.ReadAllBytes(target)[..2], Is.EqualTo(new byte[] { 0x1f, 0x8b }), "gzip magic number");
        Assert.That(PabulibReader.Read(target).Selected, Is.EqualTo(new int?[] { 1, 1, 0, 1 }));
    }

    [Test]
    public void Tally_UnknownProjectInVote_ExitsWith2AndOneLineNamingFileAndLine()
    {
        var bad = Fixtures.Write(folder, "bad.pb", Fixtures.Small.Replace("5;3,4", "5;3,99", StringComparison.Ordinal));
        var (code, output, error) = CliRun.Tally(bad, "--rule", "greedy");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(output, Is.Empty);
        Assert.That(error, Is.EqualTo($"{bad}:27: field 'vote': voter '5' votes for unknown project '99'\n"));
    }

    [Test]
    public void Tally_NonPositiveCost_ExitsWith2AndNamesTheCostField()
    {
        var bad = Fixtures.Write(folder, "bad-cost.pb", Fixtures.Small.Replace("3;42;2;Bridge", "3;-42;2;Bridge", StringComparison.Ordinal));
        var (code, _, error) = CliRun.Tally(bad, "--rule", "greedy");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.StartWith($"{bad}:19: field 'cost': "));
        Assert.That(error.TrimEnd('\n'), Does.Not.Contain('\n'));
    }

    [Test]
    public void Tally_UnknownRule_ExitsWith2AndListsTheRules()
    {
        var (code, output, error) = CliRun.Tally(small, "--rule", "borda");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(output, Is.Empty);
        Assert.That(error, Is.EqualTo("budgeting tally: Unknown rule 'borda'; expected one of greedy, greedy-no-skip, official, equal-shares, phragmen, max-welfare.\n"));
    }

    [Test]
    public void Tally_CompletionWithGreedy_ExitsWith2()
    {
        var (code, _, error) = CliRun.Tally(small, "--rule", "greedy", "--completion", "add1");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Is.EqualTo("budgeting tally: Option 'completion' does not apply to rule 'greedy'; only equal-shares takes it.\n"));
    }

    [Test]
    public void Tally_UnknownOption_ExitsWith2OnOneLine()
    {
        var (code, output, error) = CliRun.Tally(small, "--rule", "greedy", "--colour");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.StartWith("budgeting: "));
        Assert.That(error.TrimEnd('\n'), Does.Not.Contain('\n'));
    }

    [Test]
    public void Tally_MissingFile_ExitsWith2()
    {
        var missing = Path.Combine(folder, "nowhere.pb");
        var (code, _, error) = CliRun.Tally(missing, "--rule", "greedy");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Is.EqualTo($"{missing}: no such file\n"));
    }

    [Test]
    public void Tally_StrictTiesWhenATieDecidesTheOutcome_ExitsWith3AndWritesNothing()
    {
        var target = Path.Combine(folder, "report.json");
        var (code, output, error) = CliRun.Tally(tied, "--rule", "equal-shares", "--strict-ties", "--format", "json", "--out", target);
        Assert.That(code, Is.EqualTo(3));
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.StartWith("budgeting tally: "));
        Assert.That(error, Does.Contain("1").And.Contain("2"));
        Assert.That(File.Exists(target), Is.False);
    }

    [Test]
    public void Tally_StrictTiesWhenTheTieChangesNothing_Succeeds()
    {
        var (code, output, _) = CliRun.Tally(tied, "--rule", "greedy", "--strict-ties", "--format", "json");
        Assert.That(code, Is.EqualTo(0));
        Assert.That(Selected(output), Is.EquivalentTo(new[] { "1", "2" }));
    }

    [Test]
    public void Tally_TieThatDecidesTheOutcome_IsReportedWithASentence()
    {
        // Default order min-cost first: project 2 (40) beats project 1 (60).
        var (code, output, _) = CliRun.Tally(tied, "--rule", "equal-shares");
        Assert.That(code, Is.EqualTo(0));
        Assert.That(output, Does.Contain("A tie decided the outcome at "));
        Assert.That(output, Does.Contain("projects 1 and 2 were tied, and the tie-break order (min-cost,max-votes,id) chose 2."));
    }

    [Test]
    public void Tally_MalformedInputWithOut_LeavesNoFileBehind()
    {
        var bad = Fixtures.Write(folder, "bad.pb", Fixtures.Small.Replace("5;3,4", "5;3,99", StringComparison.Ordinal));
        var target = Path.Combine(folder, "out.pb");
        var before = Directory.GetFiles(folder).Order().ToArray();
        var (code, _, _) = CliRun.Tally(bad, "--rule", "greedy", "--format", "pb", "--out", target);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(Directory.GetFiles(folder).Order().ToArray(), Is.EqualTo(before));
    }

    [Test]
    public void Tally_ErrorAfterReading_KeepsAnExistingOutFileAsItWas()
    {
        var target = Path.Combine(folder, "report.json");
        File.WriteAllText(target, "previous");
        var (code, _, _) = CliRun.Tally(tied, "--rule", "equal-shares", "--strict-ties", "--format", "json", "--out", target);
        Assert.That(code, Is.EqualTo(3));
        Assert.That(File.ReadAllText(target), Is.EqualTo("previous"));
        Assert.That(Directory.GetFiles(folder, "*.tmp"), Is.Empty);
    }

    [Test]
    public void Tally_ProgressAlways_WritesPhasesToStderrOnly()
    {
        var (code, output, error) = CliRun.Tally(small, "--rule", "greedy", "--format", "json", "--progress", "always");
        Assert.That(code, Is.EqualTo(0));
        Assert.That(error, Does.Contain("reading small.pb… 100%\n"));
        Assert.That(error, Does.Contain("tallying with"));
        Assert.That(Selected(output), Is.EqualTo(new[] { "1", "2", "4" }));
    }
}
