using System.Security.Cryptography;
using System.Text.Json;

namespace Budgeting.Cli.Tests;

/// <summary>
/// Successive replacement rounds on <see cref="LotteryFixture"/>: each round is committed (hash published) before its seed
/// is used, round 2 excludes round 1's dropouts, and <c>audit</c> re-derives every round and names any tampered file.
/// </summary>
public sealed class ReplacementRoundTests
{
    private const string Seed = "2026-11-27 lottery 7 19 23 31 44 45";
    private const string Seed1 = "2026-12-04 replacements 3 8 15 22 40 41";
    private const string Seed2 = "2026-12-11 replacements 1 9 17 28 33 39";

    private string folder = null!;
    private string lottery = null!;
    private string people = null!;
    private string categories = null!;

    [SetUp]
    public void DrawAndReveal()
    {
        folder = Path.Combine(Path.GetTempPath(), "budgeting-rounds-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        people = Path.Combine(folder, "people.in.csv");
        categories = Path.Combine(folder, "categories.in.csv");
        File.WriteAllText(people, LotteryFixture.People.Replace("\r\n", "\n", StringComparison.Ordinal));
        File.WriteAllText(categories, LotteryFixture.Categories.Replace("\r\n", "\n", StringComparison.Ordinal));
        lottery = Path.Combine(folder, "lottery");
        var draw = CliRun.Lottery("draw", "--people", people, "--categories", categories, "--size", "3", "--id-column", "id",
            "--address-columns", "address", "--panels", "100", "--out", lottery);
        Assert.That(draw.Code, Is.Zero, draw.Error);
        var reveal = CliRun.Lottery("reveal", "--seed", Seed, "--out", lottery);
        Assert.That(reveal.Code, Is.Zero, reveal.Error);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    private string Round(int number, string file) => Path.Combine(lottery, "replacements", $"round-{number}", file);

    private static string[] Ids(string csv) =>
        File.ReadAllLines(csv).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')[0]).ToArray();

    private (int Code, string Out, string Error) Replace(params string[] args) => CliRun.Lottery(["replace", "--out", lottery, .. args]);

    private (int Code, string Out, string Error) Audit(params string[] seeds)
    {
        var args = new List<string>
        {
            "audit", "--people", people, "--categories", categories, "--size", "3", "--id-column", "id", "--address-columns", "address",
            "--panels", "100", "--seed", Seed, "--out", lottery,
        };
        foreach (var seed in seeds)
        {
            args.Add("--replacement-seed");
            args.Add(seed);
        }

        return CliRun.Lottery([.. args]);
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    // Round 1: the first two members drop out; round 2: the first of round 1's replacements drops out.
    private (string[] Drawn, string[] Dropouts1, string[] Panel1, string[] Dropouts2, string[] Panel2) TwoRounds()
    {
        var drawn = Ids(Path.Combine(lottery, "selected.csv"));
        var dropouts1 = drawn.Take(2).ToArray();
        Assert.That(Replace("--dropouts", string.Join(',', dropouts1), "--panels", "40").Code, Is.Zero);
        var reveal1 = Replace("--seed", Seed1);
        Assert.That(reveal1.Code, Is.Zero, reveal1.Error);
        var panel1 = Ids(Round(1, "panel.csv"));
        var dropouts2 = new[] { Ids(Round(1, "selected.csv"))[0] };
        var commit2 = Replace("--dropouts", dropouts2[0], "--panels", "30");
        Assert.That(commit2.Code, Is.Zero, commit2.Error);
        var reveal2 = Replace("--seed", Seed2);
        Assert.That(reveal2.Code, Is.Zero, reveal2.Error);
        return (drawn, dropouts1, panel1, dropouts2, Ids(Round(2, "panel.csv")));
    }

    private static void AssertValidPanel(IEnumerable<string> ids, string what)
    {
        // The fixture's quotas, by hand: 3 members, 1–2 of each gender and of each age, one per address.
        var members = ids.Select(id => LotteryFixture.Attributes[id]).ToArray();
        Assert.That(members, Has.Length.EqualTo(3), what);
        Assert.That(members.Count(m => m.Gender == "female"), Is.InRange(1, 2), what);
        Assert.That(members.Count(m => m.Age == "young"), Is.InRange(1, 2), what);
        Assert.That(members.Select(m => m.Address).Distinct().Count(), Is.EqualTo(3), what + ": one per household");
    }

    [Test]
    public void Commit_WritesTheRoundWithoutAReveal_AndCommitsToTheDropoutsAndThePanel()
    {
        var drawn = Ids(Path.Combine(lottery, "selected.csv"));
        var result = Replace("--dropouts", $"{drawn[1]},{drawn[0]}", "--panels", "40");
        Assert.That(result.Code, Is.Zero, result.Error);

        var files = Directory.GetFiles(Path.Combine(lottery, "replacements", "round-1")).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.That(files, Is.EqualTo(new[] { "dropouts.csv", "lottery.json", "lottery.sha256", "probabilities.csv", "report.md" }), "no seed, no reveal yet");
        Assert.That(File.ReadAllText(Round(1, "dropouts.csv")), Is.EqualTo($"id\n{drawn[1]}\n{drawn[0]}\n"), "in the order given");

        var lotteryHash = Sha256(Round(1, "lottery.json"));
        Assert.That(File.ReadAllText(Round(1, "lottery.sha256")), Is.EqualTo(lotteryHash + "  lottery.json\n"));
        Assert.That(result.Out, Does.Contain($"replacements/round-1/lottery.json SHA-256: {lotteryHash}\n"));
        Assert.That(result.Out, Does.Contain($"replacements/round-1/dropouts.csv SHA-256: {Sha256(Round(1, "dropouts.csv"))}\n"));
        var report = File.ReadAllText(Round(1, "report.md"));
        Assert.That(report, Does.StartWith("# Replacement round 1\n"));
        Assert.That(report, Does.Contain($"| `lottery.json` SHA-256 | `{lotteryHash}` |\n"));
        Assert.That(report, Does.Contain($"| dropouts | {drawn[1]}, {drawn[0]} |\n"));
        Assert.That(report, Does.Not.Contain("## Reveal"));

        Assert.That(Replace("--seed", Seed1).Code, Is.Zero);
        var revealed = File.ReadAllText(Round(1, "report.md"));
        Assert.That(revealed, Does.StartWith(report), "the reveal adds to the committed report");
        Assert.That(revealed, Does.Contain($"| seed | `{Seed1}` |\n"));
        Assert.That(revealed, Does.Contain($"| replacements | {string.Join(", ", Ids(Round(1, "selected.csv")))} |\n"));

        using var json = JsonDocument.Parse(File.ReadAllBytes(Round(1, "lottery.json")));
        var round = json.RootElement.GetProperty("replacement");
        Assert.That(round.GetProperty("round").GetInt32(), Is.EqualTo(1));
        Assert.That(round.GetProperty("dropouts").EnumerateArray().Select(d => d.GetString()), Is.EqualTo(new[] { drawn[1], drawn[0] }));
        Assert.That(round.GetProperty("dropoutsSha256").GetString(), Is.EqualTo(Sha256(Round(1, "dropouts.csv"))));
        Assert.That(round.GetProperty("panelSha256").GetString(), Is.EqualTo(Sha256(Path.Combine(lottery, "selected.csv"))));
        Assert.That(round.GetProperty("excluded").GetArrayLength(), Is.Zero);
        Assert.That(json.RootElement.GetProperty("m").GetInt32(), Is.EqualTo(40));
    }

    [Test]
    public void TwoRounds_RestoreTheQuotas_ExcludeEarlierDropouts_AndPassTheAudit()
    {
        var (drawn, dropouts1, panel1, dropouts2, panel2) = TwoRounds();
        AssertValidPanel(panel1, "after round 1");
        AssertValidPanel(panel2, "after round 2");
        Assert.That(panel1, Has.None.AnyOf(dropouts1));
        Assert.That(panel1, Does.Contain(drawn[2]), "the member who stayed");
        Assert.That(panel2, Has.None.AnyOf(dropouts1.Concat(dropouts2).ToArray()), "no dropout of either round comes back");

        // Round 2 commits to round 1's panel and names round 1's dropouts as excluded; none of its slots draws them, anyone
        // on the panel, or anyone sharing a household with a member who stays.
        using var json = JsonDocument.Parse(File.ReadAllBytes(Round(2, "lottery.json")));
        var round = json.RootElement.GetProperty("replacement");
        Assert.That(round.GetProperty("panelSha256").GetString(), Is.EqualTo(Sha256(Round(1, "panel.csv"))));
        Assert.That(round.GetProperty("excluded").EnumerateArray().Select(d => d.GetString()), Is.EquivalentTo(dropouts1));
        var kept = panel1.Except(dropouts2).ToArray();
        var keptAddresses = kept.Select(id => LotteryFixture.Attributes[id].Address).ToHashSet();
        foreach (var slot in json.RootElement.GetProperty("panels").EnumerateArray())
        {
            var members = slot.GetProperty("members").EnumerateArray().Select(m => m.GetString()!).ToArray();
            Assert.That(members, Has.None.AnyOf(dropouts1.Concat(panel1).ToArray()));
            Assert.That(members.Select(id => LotteryFixture.Attributes[id].Address), Has.None.AnyOf(keptAddresses.ToArray()));
            AssertValidPanel(kept.Concat(members), "kept + a round-2 slot");
        }

        var audit = Audit(Seed1, Seed2);
        Assert.That(audit.Code, Is.Zero, audit.Out + audit.Error);
        Assert.That(audit.Out, Does.Contain("2 replacement round(s) re-derived and checked"));
    }

    [Test]
    public void Audit_RoundsRevealedButNoReplacementSeed_ExitsTwo()
    {
        TwoRounds();
        var audit = Audit(Seed1);
        Assert.That(audit.Code, Is.EqualTo(2));
        Assert.That(audit.Error, Is.EqualTo(
            "budgeting audit: 2 replacement round(s) were revealed but 1 --replacement-seed given: give the seed published for each round, in round order\n"));
    }

    [Test]
    public void Audit_AnotherSeedForRoundTwo_IsNamedAndExitsOne()
    {
        TwoRounds();
        var audit = Audit(Seed1, "not the published seed");
        Assert.That(audit.Code, Is.EqualTo(1));
        Assert.That(audit.Out, Does.Contain($"FAIL replacements/round-2/reveal.json: revealed with seed '{Seed2}', audited with 'not the published seed'"));
    }

    // Each tampering with a round's files, and the finding that names it.
    private static readonly object[] Tamperings =
    [
        new object[] { 1, "dropouts.csv", "append", "FAIL replacements/round-1/dropouts.csv: its SHA-256 is not the" },
        new object[] { 2, "dropouts.csv", "append", "FAIL replacements/round-2/dropouts.csv: its SHA-256 is not the" },
        new object[] { 1, "lottery.json", "edit", "FAIL replacements/round-1/lottery.sha256 records" },
        new object[] { 2, "lottery.json", "edit-and-rehash", "FAIL replacements/round-2/lottery.json: is not the replacement lottery re-derived" },
        new object[] { 1, "probabilities.csv", "edit", "FAIL replacements/round-1/probabilities.csv: is not the re-derived" },
        new object[] { 1, "selected.csv", "drop-last-line", "FAIL replacements/round-1/selected.csv: does not hold exactly the rows" },
        new object[] { 1, "panel.csv", "drop-last-line", "FAIL replacements/round-1/panel.csv: does not hold exactly the rows" },
        new object[] { 2, "panel.csv", "drop-last-line", "FAIL replacements/round-2/panel.csv: does not hold exactly the rows" },
        new object[] { 2, "reveal.json", "edit", "FAIL replacements/round-2/reveal.json: records slot" },
        new object[] { 1, "reveal.json", "delete", "FAIL replacements/round-1/reveal.json is missing, but a seed was given for round 1" },
        new object[] { 2, "lottery.sha256", "delete", "FAIL replacements/round-2/lottery.sha256 is missing" },
    ];

    [TestCaseSource(nameof(Tamperings))]
    public void Audit_TamperedRoundFile_IsNamedAndExitsOne(int round, string file, string how, string finding)
    {
        TwoRounds();
        var path = Round(round, file);
        switch (how)
        {
            case "append":
                File.AppendAllText(path, "p8\n");
                break;
            case "edit":
                var text = File.ReadAllText(path);
                text = file == "reveal.json"
                    ? System.Text.RegularExpressions.Regex.Replace(text, "\"index\": ([0-9]+)", m => $"\"index\": {(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1) % 30}")
                    : file == "probabilities.csv" ? text.Replace(",0\n", ",0.25\n", StringComparison.Ordinal) : text.Replace("\"m\": 40", "\"m\":  40", StringComparison.Ordinal);
                Assert.That(text, Is.Not.EqualTo(File.ReadAllText(path)), "the tampering changes the file");
                File.WriteAllText(path, text);
                break;
            case "edit-and-rehash":
                // A swapped slot with a matching lottery.sha256: only the re-derivation can tell.
                var json = File.ReadAllText(path).Replace("\"probability\": ", "\"probability\":  ", StringComparison.Ordinal);
                File.WriteAllText(path, json);
                File.WriteAllText(Round(round, "lottery.sha256"), Sha256(path) + "  lottery.json\n");
                break;
            case "drop-last-line":
                var lines = File.ReadAllLines(path);
                File.WriteAllText(path, string.Join("\n", lines[..^1]) + "\n");
                break;
            case "delete":
                File.Delete(path);
                break;
        }

        var audit = Audit(Seed1, Seed2);
        Assert.That(audit.Code, Is.EqualTo(1), audit.Out + audit.Error);
        Assert.That(audit.Out, Does.Contain(finding));
    }

    [Test]
    public void Commit_DropoutsFileNamesSomeoneOffThePanel_ExitsTwoWithFileLineAndColumn()
    {
        var drawn = Ids(Path.Combine(lottery, "selected.csv"));
        var outsider = LotteryFixture.Attributes.Keys.Order(StringComparer.Ordinal).First(id => !drawn.Contains(id));
        var file = Path.Combine(folder, "dropouts.in.csv");
        File.WriteAllText(file, $"id\r\n{drawn[0]}\r\n{outsider}\r\n");
        var result = Replace("--dropouts-file", file);
        Assert.That(result.Code, Is.EqualTo(2));
        Assert.That(result.Error, Is.EqualTo($"budgeting replace: {file}:3: column 'id': {outsider} is not on the panel drawn\n"));
        Assert.That(Directory.Exists(Path.Combine(lottery, "replacements")), Is.False, "nothing is written");
    }

    [Test]
    public void Commit_DropoutsFileInRoundTwoNamesARoundOneDropout_ExitsTwoWithFileLineAndColumn()
    {
        var drawn = Ids(Path.Combine(lottery, "selected.csv"));
        Assert.That(Replace("--dropouts", drawn[0], "--panels", "40").Code, Is.Zero);
        Assert.That(Replace("--seed", Seed1).Code, Is.Zero);
        var file = Path.Combine(folder, "dropouts.in.csv");
        File.WriteAllText(file, $"id\n{drawn[0]}\n");
        var result = Replace("--dropouts-file", file);
        Assert.That(result.Code, Is.EqualTo(2));
        Assert.That(result.Error, Is.EqualTo($"budgeting replace: {file}:2: column 'id': {drawn[0]} is not on the panel after round 1\n"));
        Assert.That(Directory.Exists(Path.Combine(lottery, "replacements", "round-2")), Is.False, "nothing is written");
    }

    [Test]
    public void Commit_DropoutsFileWithUnknownAndRepeatedIds_NamesEveryLine()
    {
        var drawn = Ids(Path.Combine(lottery, "selected.csv"));
        var file = Path.Combine(folder, "dropouts.in.csv");
        File.WriteAllText(file, $"id\n{drawn[0]}\nnobody\n{drawn[0]}\n");
        var result = Replace("--dropouts-file", file);
        Assert.That(result.Code, Is.EqualTo(2));
        Assert.That(result.Error, Is.EqualTo($"budgeting replace: {file}:4: column 'id': {drawn[0]} is named twice (first on line 2)\n"));
    }

    [Test]
    public void Commit_DropoutsFileWithoutIdHeader_ExitsTwo()
    {
        var file = Path.Combine(folder, "dropouts.in.csv");
        File.WriteAllText(file, "name\np1\n");
        var result = Replace("--dropouts-file", file);
        Assert.That(result.Code, Is.EqualTo(2));
        Assert.That(result.Error, Is.EqualTo($"budgeting replace: {file}:1: column 'id': the header must be 'id', not 'name'\n"));
    }

    [Test]
    public void Replace_SeedWithDropouts_IsRefused()
    {
        var drawn = Ids(Path.Combine(lottery, "selected.csv"));
        var result = Replace("--dropouts", drawn[0], "--seed", Seed1);
        Assert.That(result.Code, Is.EqualTo(2));
        Assert.That(result.Error, Is.EqualTo(
            "budgeting replace: give --dropouts or --dropouts-file to commit a round, or --seed to reveal it, not both: the seed must be published after the round's hash\n"));
        Assert.That(Directory.Exists(Path.Combine(lottery, "replacements")), Is.False);
    }

    [Test]
    public void Replace_CommitWhileARoundIsPending_OrRevealWithNothingPending_IsRefused()
    {
        var drawn = Ids(Path.Combine(lottery, "selected.csv"));
        var early = Replace("--seed", Seed1);
        Assert.That(early.Code, Is.EqualTo(2));
        Assert.That(early.Error, Is.EqualTo("budgeting replace: no committed replacement round awaits a seed: commit one first with --dropouts or --dropouts-file\n"));

        Assert.That(Replace("--dropouts", drawn[0], "--panels", "40").Code, Is.Zero);
        var again = Replace("--dropouts", drawn[1]);
        Assert.That(again.Code, Is.EqualTo(2));
        Assert.That(again.Error, Is.EqualTo(
            "budgeting replace: replacements/round-1 is committed but not revealed yet: run budgeting replace --out DIR --seed SEED with the seed published after its hash\n"));
    }

    [Test]
    public void Reveal_RoundLotteryChangedAfterTheCommitment_ExitsOne()
    {
        var drawn = Ids(Path.Combine(lottery, "selected.csv"));
        Assert.That(Replace("--dropouts", drawn[0], "--panels", "40").Code, Is.Zero);
        File.AppendAllText(Round(1, "lottery.json"), " ");
        var result = Replace("--seed", Seed1);
        Assert.That(result.Code, Is.EqualTo(1));
        Assert.That(result.Error, Is.EqualTo("budgeting replace: replacements/round-1/lottery.json does not match replacements/round-1/lottery.sha256\n"));
        Assert.That(File.Exists(Round(1, "reveal.json")), Is.False);
    }

    [Test]
    public void Audit_PendingRound_IsCheckedAndPasses()
    {
        var drawn = Ids(Path.Combine(lottery, "selected.csv"));
        Assert.That(Replace("--dropouts", drawn[0], "--panels", "40").Code, Is.Zero);
        var audit = Audit();
        Assert.That(audit.Code, Is.Zero, audit.Out);

        File.AppendAllText(Round(1, "dropouts.csv"), "p8\n");
        var tampered = Audit();
        Assert.That(tampered.Code, Is.EqualTo(1));
        Assert.That(tampered.Out, Does.Contain("FAIL replacements/round-1/dropouts.csv: its SHA-256 is not the"));
    }

    [Test]
    public void Reveal_WithAnotherSeedAfterRounds_IsRefused_AndANewDrawClearsTheRounds()
    {
        TwoRounds();
        var again = CliRun.Lottery("reveal", "--seed", "another seed", "--out", lottery);
        Assert.That(again.Code, Is.EqualTo(2));
        Assert.That(again.Error, Is.EqualTo(
            "budgeting reveal: the panel was revealed with another seed and replacement rounds were drawn from it; a new seed would orphan them\n"));
        Assert.That(CliRun.Lottery("reveal", "--seed", Seed, "--out", lottery).Code, Is.Zero, "the same seed again is harmless");

        var draw = CliRun.Lottery("draw", "--people", people, "--categories", categories, "--size", "3", "--id-column", "id",
            "--address-columns", "address", "--panels", "100", "--out", lottery);
        Assert.That(draw.Code, Is.Zero);
        Assert.That(Directory.Exists(Path.Combine(lottery, "replacements")), Is.False, "the rounds of the overwritten lottery are gone");
    }
}
