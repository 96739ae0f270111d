namespace Budgeting.Cli.Tests;

public sealed class ReplaceCommandTests
{
    private const string Seed = "2026-11-27 lottery 7 19 23 31 44 45";
    private const string ReplaceSeed = "2026-12-04 replacements 3 8 15 22 40 41";

    private string folder = null!;
    private string lottery = null!;

    [SetUp]
    public void DrawAndReveal()
    {
        folder = Path.Combine(Path.GetTempPath(), "budgeting-replace-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var people = Path.Combine(folder, "people.in.csv");
        var categories = Path.Combine(folder, "categories.in.csv");
        File.WriteAllText(people, LotteryFixture.People.Replace("\r\n", "\n", StringComparison.Ordinal));
        File.WriteAllText(categories, LotteryFixture.Categories.Replace("\r\n", "\n", StringComparison.Ordinal));
        lottery = Path.Combine(folder, "lottery");
        var draw = CliRun.Lottery("draw", "--people", people, "--categories", categories, "--size", "3", "--id-column", "id",
            "--address-columns", "address", "--panels", "100", "--out", lottery);
        Assert.That(draw.Code, Is.Zero, draw.Error);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    private void Reveal()
    {
        var reveal = CliRun.Lottery("reveal", "--seed", Seed, "--out", lottery);
        Assert.That(reveal.Code, Is.Zero, reveal.Error);
    }

    private static string[] Ids(string csv) =>
        File.ReadAllLines(csv).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')[0]).ToArray();

    private (int Code, string Out, string Error) Commit(string dropouts) =>
        CliRun.Lottery("replace", "--out", lottery, "--dropouts", dropouts, "--panels", "50");

    private (int Code, string Out, string Error) RevealRound(string seed = ReplaceSeed) =>
        CliRun.Lottery("replace", "--out", lottery, "--seed", seed);

    // Commits a round for the dropouts and reveals it with the replacement seed.
    private (int Code, string Out, string Error) Replace(string dropouts)
    {
        var commit = Commit(dropouts);
        return commit.Code != 0 ? commit : RevealRound();
    }

    private string Round(int number, string file) => Path.Combine(lottery, "replacements", $"round-{number}", file);

    [Test]
    public void Replace_TwoDropouts_RestoresQuotasAndHouseholds_AndExcludesDropoutsAndKeptHouseholds()
    {
        Reveal();
        var panel = Ids(Path.Combine(lottery, "selected.csv"));
        Assert.That(panel, Has.Length.EqualTo(3));
        var dropouts = panel.Take(2).ToArray();
        var kept = panel[2];

        var result = Replace(string.Join(',', dropouts));
        Assert.That(result.Code, Is.Zero, result.Error);

        var replacements = Ids(Round(1, "selected.csv"));
        var updated = Ids(Round(1, "panel.csv"));
        Assert.That(replacements, Has.Length.EqualTo(2));
        Assert.That(updated, Is.EquivalentTo(replacements.Append(kept)));
        Assert.That(replacements, Has.None.AnyOf(dropouts));

        // The fixture's quotas, checked by hand from its attributes: 1–2 of each gender and of each age, one per address.
        var members = updated.Select(id => LotteryFixture.Attributes[id]).ToArray();
        Assert.That(members.Count(m => m.Gender == "female"), Is.InRange(1, 2));
        Assert.That(members.Count(m => m.Age == "young"), Is.InRange(1, 2));
        Assert.That(members.Select(m => m.Address).Distinct().Count(), Is.EqualTo(3), "one per household");
        Assert.That(replacements.Select(id => LotteryFixture.Attributes[id].Address), Has.None.EqualTo(LotteryFixture.Attributes[kept].Address));

        // Every slot of the committed replacement lottery restores the rules as well, and the hash file matches.
        var json = File.ReadAllBytes(Round(1, "lottery.json"));
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(json));
        Assert.That(File.ReadAllText(Round(1, "lottery.sha256")), Does.StartWith(sha));
        using var document = System.Text.Json.JsonDocument.Parse(json);
        foreach (var slot in document.RootElement.GetProperty("panels").EnumerateArray())
        {
            var set = slot.GetProperty("members").EnumerateArray().Select(m => m.GetString()!).Append(kept).Select(id => LotteryFixture.Attributes[id]).ToArray();
            Assert.That(set.Count(m => m.Gender == "female"), Is.InRange(1, 2));
            Assert.That(set.Count(m => m.Age == "old"), Is.InRange(1, 2));
            Assert.That(set.Select(m => m.Address).Distinct().Count(), Is.EqualTo(3));
        }
    }

    [Test]
    public void Replace_SameInputsInAnotherFolder_AreByteIdentical()
    {
        Reveal();
        var panel = Ids(Path.Combine(lottery, "selected.csv"));
        var dropouts = string.Join(',', panel.Skip(1));
        Assert.That(Replace(dropouts).Code, Is.Zero);

        // The same draw, reveal and round in a second folder.
        var first = lottery;
        lottery = Path.Combine(folder, "again");
        Assert.That(CliRun.Lottery("draw", "--people", Path.Combine(folder, "people.in.csv"), "--categories", Path.Combine(folder, "categories.in.csv"),
            "--size", "3", "--id-column", "id", "--address-columns", "address", "--panels", "100", "--out", lottery).Code, Is.Zero);
        Reveal();
        Assert.That(Replace(dropouts).Code, Is.Zero);

        var files = Directory.GetFiles(Path.Combine(first, "replacements", "round-1")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.That(files, Is.EqualTo(new[] { "dropouts.csv", "lottery.json", "lottery.sha256", "panel.csv", "probabilities.csv", "report.md", "reveal.json", "selected.csv" }));
        foreach (var file in files)
        {
            Assert.That(File.ReadAllBytes(Round(1, file!)), Is.EqualTo(File.ReadAllBytes(Path.Combine(first, "replacements", "round-1", file!))), file);
        }

        Assert.That(Directory.GetDirectories(Path.Combine(lottery, "replacements")).Select(Path.GetFileName), Is.EqualTo(new[] { "round-1" }),
            "no temporary folder is left behind");
    }

    [Test]
    public void Replace_UnknownId_ExitsTwoWithOneLine()
    {
        Reveal();
        var result = Replace("nobody");
        Assert.That(result.Code, Is.EqualTo(2));
        Assert.That(result.Error, Is.EqualTo("budgeting replace: unknown id nobody: nobody in people.csv has it\n"));
        Assert.That(Directory.Exists(Path.Combine(lottery, "replacements")), Is.False);
    }

    [Test]
    public void Replace_IdNotOnThePanel_ExitsTwoWithOneLine()
    {
        Reveal();
        var panel = Ids(Path.Combine(lottery, "selected.csv"));
        var outsider = LotteryFixture.Attributes.Keys.Order(StringComparer.Ordinal).First(id => !panel.Contains(id));
        var result = Replace(outsider);
        Assert.That(result.Code, Is.EqualTo(2));
        Assert.That(result.Error, Is.EqualTo($"budgeting replace: {outsider} is not on the panel\n"));
        Assert.That(Directory.Exists(Path.Combine(lottery, "replacements")), Is.False);
    }

    [Test]
    public void Replace_BeforeReveal_ExitsTwoWithOneLine()
    {
        var result = Replace("p1");
        Assert.That(result.Code, Is.EqualTo(2));
        Assert.That(result.Error, Does.StartWith("budgeting replace: ").And.Contain("has not been revealed yet"));
        Assert.That(result.Error.TrimEnd('\n'), Does.Not.Contain('\n'));
        Assert.That(Directory.Exists(Path.Combine(lottery, "replacements")), Is.False);
    }

    [Test]
    public void Replace_NoCandidateRestoresTheQuotas_ExitsTwoWithOneLine()
    {
        // Panels of 2 with exactly one man and one woman; the only man, m1, must be on every panel (only {w1,m1} and
        // {w3,m1} are valid: w2 shares m1's household). When m1 drops out there is no other man: infeasible.
        var people = Path.Combine(folder, "small.people.csv");
        var categories = Path.Combine(folder, "small.categories.csv");
        File.WriteAllText(people, "id,gender,address\nw1,female,A\nm1,male,B\nw2,female,B\nw3,female,C\n");
        File.WriteAllText(categories, "feature,value,min,max\ngender,female,1,1\ngender,male,1,1\n");
        var small = Path.Combine(folder, "small");
        Assert.That(CliRun.Lottery("draw", "--people", people, "--categories", categories, "--size", "2", "--id-column", "id",
            "--address-columns", "address", "--panels", "10", "--out", small).Code, Is.Zero);
        Assert.That(CliRun.Lottery("reveal", "--seed", Seed, "--out", small).Code, Is.Zero);

        var result = CliRun.Lottery("replace", "--out", small, "--dropouts", "m1");
        Assert.That(result.Code, Is.EqualTo(2));
        Assert.That(result.Error, Does.StartWith("budgeting replace: no replacement set restores the quotas"));
        Assert.That(result.Error.TrimEnd('\n'), Does.Not.Contain('\n'));
        Assert.That(Directory.Exists(Path.Combine(small, "replacements")), Is.False);
        Assert.That(Directory.GetDirectories(small), Is.Empty, "no temporary folder is left behind");
    }
}
