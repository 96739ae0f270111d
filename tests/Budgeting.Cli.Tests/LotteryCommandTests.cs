using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Budgeting.Cli.Tests;

public sealed class LotteryCommandTests
{
    private const string Seed = "2026-11-27 lottery 7 19 23 31 44 45";
    private static readonly string[] Outputs = ["lottery.json", "lottery.sha256", "probabilities.csv", "report.md", "report.json"];

    private string folder = null!;
    private string people = null!;
    private string categories = null!;
    private string population = null!;

    [SetUp]
    public void CreateFolder()
    {
        folder = Path.Combine(Path.GetTempPath(), "budgeting-lottery-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        people = Write("people.in.csv", LotteryFixture.People);
        categories = Write("categories.in.csv", LotteryFixture.Categories);
        population = Write("population.in.csv", LotteryFixture.Population);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text.Replace("\r\n", "\n", StringComparison.Ordinal));
        return path;
    }

    private string[] DrawArgs(string output, params string[] extra) =>
        ["draw", "--people", people, "--categories", categories, "--size", "3", "--id-column", "id", "--address-columns", "address", "--panels", "100", "--out", output, .. extra];

    private string[] AuditArgs(string output, string seed = Seed) =>
        ["audit", "--people", people, "--categories", categories, "--size", "3", "--id-column", "id", "--address-columns", "address", "--panels", "100", "--seed", seed, "--out", output];

    private string DrawAndReveal(string name = "lottery")
    {
        var output = Path.Combine(folder, name);
        var draw = CliRun.Lottery(DrawArgs(output));
        Assert.That(draw.Code, Is.Zero, draw.Error);
        var reveal = CliRun.Lottery("reveal", "--seed", Seed, "--out", output);
        Assert.That(reveal.Code, Is.Zero, reveal.Error);
        return output;
    }

    private static JsonElement[] Panels(string output)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "lottery.json")));
        return json.RootElement.GetProperty("panels").EnumerateArray().Select(p => p.Clone()).ToArray();
    }

    [Test]
    public void DrawRevealAudit_EveryPanelMeetsTheQuotasAndHouseholds_AndTheAuditPasses()
    {
        var output = DrawAndReveal();
        var panels = Panels(output);
        Assert.That(panels, Has.Length.EqualTo(100));
        foreach (var panel in panels)
        {
            // Checked against the fixture's attributes by hand, not with the code under test.
            var members = panel.GetProperty("members").EnumerateArray().Select(m => LotteryFixture.Attributes[m.GetString()!]).ToArray();
            Assert.That(members, Has.Length.EqualTo(3));
            Assert.That(members.Count(m => m.Gender == "female"), Is.InRange(1, 2));
            Assert.That(members.Count(m => m.Age == "young"), Is.InRange(1, 2));
            Assert.That(members.Select(m => m.Address).Distinct().Count(), Is.EqualTo(3), "one per household");
            Assert.That(panel.GetProperty("probability").GetDouble(), Is.EqualTo(0.01));
        }

        var audit = CliRun.Lottery(AuditArgs(output));
        Assert.That(audit.Code, Is.Zero, audit.Out + audit.Error);
        Assert.That(audit.Out, Does.Contain("audit passed"));
    }

    [Test]
    public void Reveal_ChoosesTheSlotGivenByTheSeedAndWritesTheChosenRows()
    {
        var output = DrawAndReveal();
        // The slot is the first bounded integer of the seed's stream: block 0 = SHA-256(seed ‖ 0x00 ‖ 0 as 8 bytes),
        // its first 8 bytes big-endian, reduced mod 100 after the rejection test (which passes unless x ≥ 2^64 − 16).
        var block = SHA256.HashData([.. Encoding.UTF8.GetBytes(Seed), 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        var x = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(block);
        Assume.That(x, Is.LessThan(ulong.MaxValue - 15));
        var index = (int)(x % 100);
        using var reveal = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "reveal.json")));
        Assert.That(reveal.RootElement.GetProperty("index").GetInt32(), Is.EqualTo(index));

        var members = Panels(output)[index].GetProperty("members").EnumerateArray().Select(m => m.GetString()!).ToArray();
        var selected = File.ReadAllLines(Path.Combine(output, "selected.csv"));
        var remaining = File.ReadAllLines(Path.Combine(output, "remaining.csv"));
        Assert.That(selected[0], Is.EqualTo("id,name,gender,age,address"));
        Assert.That(selected.Skip(1).Select(l => l.Split(',')[0]), Is.EqualTo(members));
        Assert.That(selected.Skip(1).Concat(remaining.Skip(1)).Order(), Is.EqualTo(LotteryFixture.People.Split('\n').Skip(1).Where(l => l.Length > 0).Order()));
        Assert.That(File.ReadAllText(Path.Combine(output, "report.md")), Does.Contain($"chosen slot index **{index}**"));
    }

    [Test]
    public void Draw_SameInputsTwice_GivesByteIdenticalFiles()
    {
        var first = DrawAndReveal("first");
        var second = DrawAndReveal("second");
        foreach (var name in Outputs.Append("selected.csv").Append("remaining.csv").Append("reveal.json"))
        {
            Assert.That(File.ReadAllBytes(Path.Combine(second, name)), Is.EqualTo(File.ReadAllBytes(Path.Combine(first, name))), name);
        }

        var json = File.ReadAllText(Path.Combine(first, "lottery.json"));
        Assert.That(json, Does.Not.Contain(folder), "no paths");
        Assert.That(File.ReadAllText(Path.Combine(first, "lottery.sha256")),
            Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(first, "lottery.json")))) + "  lottery.json\n"));
    }

    [Test]
    public void Reveal_InSeparateProcesses_GivesTheSameBytesAsInProcess()
    {
        var output = DrawAndReveal();
        var cli = typeof(BudgetingCommand).Assembly.Location;
        foreach (var run in new[] { "process-1", "process-2" })
        {
            var copy = Path.Combine(folder, run);
            Directory.CreateDirectory(copy);
            foreach (var name in new[] { "lottery.json", "lottery.sha256", "probabilities.csv", "people.csv", "categories.csv" })
            {
                File.Copy(Path.Combine(output, name), Path.Combine(copy, name));
            }

            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { cli, "reveal", "--seed", Seed, "--out", copy })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEnd();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.That(process.ExitCode, Is.Zero, error);
            foreach (var name in new[] { "selected.csv", "remaining.csv", "reveal.json", "report.md", "report.json" })
            {
                Assert.That(File.ReadAllBytes(Path.Combine(copy, name)), Is.EqualTo(File.ReadAllBytes(Path.Combine(output, name))), $"{run}: {name}");
            }
        }
    }

    private static void Edit(string output, string name, Func<string, string> edit)
    {
        var path = Path.Combine(output, name);
        var before = File.ReadAllText(path);
        var after = edit(before);
        Assert.That(after, Is.Not.EqualTo(before), "the edit must change the file");
        File.WriteAllText(path, after);
    }

    private static void Rehash(string output)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(output, "lottery.json"))));
        File.WriteAllText(Path.Combine(output, "lottery.sha256"), hash + "  lottery.json\n");
    }

    [Test]
    public void Audit_MemberEdited_FailsNamingTheHash()
    {
        var output = DrawAndReveal();
        var first = Panels(output)[0].GetProperty("members")[0].GetString()!;
        var replacement = first == "p8" ? "p7" : "p8";
        Edit(output, "lottery.json", text => ReplaceFirst(text, $"\"members\": [\"{first}\"", $"\"members\": [\"{replacement}\""));
        var audit = CliRun.Lottery(AuditArgs(output));
        Assert.That(audit.Code, Is.EqualTo(1));
        Assert.That(audit.Out, Does.Contain("lottery hash"));
    }

    [Test]
    public void Audit_MemberEditedAndHashRecomputed_FailsNamingThePanelAndTheReveal()
    {
        var output = DrawAndReveal();
        // Replace panel 0's members by three women of the same household-free set: p3, p5, p6 (all female: breaks the gender quota).
        Edit(output, "lottery.json", text =>
        {
            var start = text.IndexOf("{\"members\": [", StringComparison.Ordinal);
            var end = text.IndexOf(']', start);
            return text[..start] + "{\"members\": [\"p3\", \"p5\", \"p6\"" + text[end..];
        });
        Rehash(output);
        var audit = CliRun.Lottery(AuditArgs(output));
        Assert.That(audit.Code, Is.EqualTo(1));
        Assert.That(audit.Out, Does.Contain("lottery.json panel 0: has 3 with gender = female, outside the quota 1..2"));
        Assert.That(audit.Out, Does.Contain("reveal.json: the panel was revealed from another lottery.json"));
    }

    [Test]
    public void Audit_ProbabilityEdited_FailsNamingProbabilitiesCsv()
    {
        var output = DrawAndReveal();
        // p1 and p5 are alike and share a household, so the uniform selector gives each at most 1/2: 0.9 is further than the bound 4/100 from the lottery.
        Edit(output, "probabilities.csv", text => System.Text.RegularExpressions.Regex.Replace(text, "\np1,[^\n]*\n", "\np1,0.9\n"));
        var audit = CliRun.Lottery(AuditArgs(output));
        Assert.That(audit.Code, Is.EqualTo(1));
        Assert.That(audit.Out, Does.Contain("probabilities.csv: its SHA-256 is not the one lottery.json commits to"));
        Assert.That(audit.Out, Does.Contain("probabilities.csv: person 'p1'"));
    }

    [Test]
    public void Audit_PanelProbabilityEditedInLottery_FailsNamingThePanel()
    {
        var output = DrawAndReveal();
        Edit(output, "lottery.json", text => ReplaceFirst(text, "\"probability\": 0.01}", "\"probability\": 0.02}"));
        Rehash(output);
        var audit = CliRun.Lottery(AuditArgs(output));
        Assert.That(audit.Code, Is.EqualTo(1));
        Assert.That(audit.Out, Does.Contain("lottery.json panel 0: probability 0.02 is not 1/100"));
    }

    [Test]
    public void Audit_HashEdited_FailsNamingTheHash()
    {
        var output = DrawAndReveal();
        Edit(output, "lottery.sha256", text => (text[0] == '0' ? "1" : "0") + text[1..]);
        var audit = CliRun.Lottery(AuditArgs(output));
        Assert.That(audit.Code, Is.EqualTo(1));
        Assert.That(audit.Out, Does.Contain("lottery hash: lottery.sha256 records"));
    }

    [Test]
    public void Audit_RevealedIndexEdited_FailsNamingTheIndex()
    {
        var output = DrawAndReveal();
        Edit(output, "reveal.json", text =>
        {
            using var json = JsonDocument.Parse(text);
            var index = json.RootElement.GetProperty("index").GetInt32();
            return text.Replace($"\"index\": {index},", $"\"index\": {(index + 1) % 100},", StringComparison.Ordinal);
        });
        var audit = CliRun.Lottery(AuditArgs(output));
        Assert.That(audit.Code, Is.EqualTo(1));
        Assert.That(audit.Out, Does.Contain("reveal.json: records panel index"));
    }

    [Test]
    public void Audit_OtherSeed_FailsNamingTheSeed()
    {
        var output = DrawAndReveal();
        var audit = CliRun.Lottery(AuditArgs(output, "another seed"));
        Assert.That(audit.Code, Is.EqualTo(1));
        Assert.That(audit.Out, Does.Contain("reveal.json: revealed with seed"));
    }

    [Test]
    public void Audit_SelectedRowsEdited_FailsNamingSelectedCsv()
    {
        var output = DrawAndReveal();
        Edit(output, "selected.csv", text => text + "p9,Ivy,female,old,I\n");
        var audit = CliRun.Lottery(AuditArgs(output));
        Assert.That(audit.Code, Is.EqualTo(1));
        Assert.That(audit.Out, Does.Contain("selected.csv"));
    }

    [Test]
    public void Reveal_TamperedLottery_RefusesWithExitCode1()
    {
        var output = Path.Combine(folder, "lottery");
        Assert.That(CliRun.Lottery(DrawArgs(output)).Code, Is.Zero);
        Edit(output, "lottery.json", text => text.Replace("\"size\": 3", "\"size\": 4", StringComparison.Ordinal));
        var reveal = CliRun.Lottery("reveal", "--seed", Seed, "--out", output);
        Assert.That(reveal.Code, Is.EqualTo(1));
        Assert.That(reveal.Error, Does.Contain("lottery.json does not match lottery.sha256"));
        Assert.That(File.Exists(Path.Combine(output, "selected.csv")), Is.False);
    }

    [Test]
    public void Draw_PersonWithUnknownValue_ExitsWithCode2()
    {
        people = Write("bad.csv", LotteryFixture.People.Replace("p8,Hal,male,old,H", "p8,Hal,robot,old,H", StringComparison.Ordinal));
        var draw = CliRun.Lottery(DrawArgs(Path.Combine(folder, "out")));
        Assert.That(draw.Code, Is.EqualTo(2));
        Assert.That(draw.Error, Does.Contain("bad.csv"));
        Assert.That(Directory.Exists(Path.Combine(folder, "out")), Is.False, "nothing is written");
    }

    [Test]
    public void Draw_MissingFileOrBadSize_ExitsWithCode2()
    {
        Assert.That(CliRun.Lottery("draw", "--people", Path.Combine(folder, "none.csv"), "--categories", categories, "--size", "3", "--out", folder).Code, Is.EqualTo(2));
        Assert.That(CliRun.Lottery("draw", "--people", people, "--categories", categories, "--size", "0", "--out", folder).Code, Is.EqualTo(2));
        Assert.That(CliRun.Lottery("draw", "--people", people, "--categories", categories, "--size", "3", "--panels", "0", "--out", folder).Code, Is.EqualTo(2));
    }

    [Test]
    public void Draw_InfeasibleQuotas_ExitsWithCode2AndTheExplanation()
    {
        // Three young people and at most one man: at least two young women, but the only young women, p1 and p5,
        // share a household. The per-feature sums are fine (gender 2 <= 3 <= 4, age 3 <= 3 <= 6), so only the search finds it.
        categories = Write("infeasible.csv", """
            feature,value,min,max
            gender,female,2,3
            gender,male,0,1
            age,young,3,3
            age,old,0,3

            """);
        var draw = CliRun.Lottery(DrawArgs(Path.Combine(folder, "out")));
        Assert.That(draw.Code, Is.EqualTo(2), draw.Error);
        Assert.That(draw.Error, Does.Contain("the quotas are infeasible: test selector: no valid panel"));
    }

    [Test]
    public void Draw_WithPopulation_ReportsTheChiSquareAfterTheReveal()
    {
        var output = Path.Combine(folder, "lottery");
        Assert.That(CliRun.Lottery(DrawArgs(output, "--population", population)).Code, Is.Zero);
        Assert.That(File.ReadAllText(Path.Combine(output, "report.md")), Does.Not.Contain("chi-square"));
        Assert.That(CliRun.Lottery("reveal", "--seed", Seed, "--out", output).Code, Is.Zero);
        var report = File.ReadAllText(Path.Combine(output, "report.md"));
        Assert.That(report, Does.Contain("## Chosen panel against the population (chi-square)"));
        Assert.That(report, Does.Contain("| gender | female | 1 | 2 |"));
        Assert.That(CliRun.Lottery([.. AuditArgs(output), "--population", population]).Code, Is.Zero);
    }

    private static string ReplaceFirst(string text, string find, string replacement)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        return at < 0 ? text : text[..at] + replacement + text[(at + find.Length)..];
    }
}
