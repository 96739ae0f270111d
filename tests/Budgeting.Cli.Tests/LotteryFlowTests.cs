using System.Globalization;

namespace Budgeting.Cli.Tests;

/// <summary>
/// The whole flow an official runs, with the real algorithms, on the shared instances: draw → reveal → audit → replace
/// (commit, reveal) → audit → a second round → audit. The panels are checked against the quotas read here independently
/// of the engine. Skipped when ../shared/sortition is absent.
/// </summary>
public sealed class LotteryFlowTests
{
    private string folder = null!;

    [SetUp]
    public void CreateFolder()
    {
        folder = Path.Combine(Path.GetTempPath(), "budgeting-lottery-flow-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    private static (int Code, string Out, string Error) Run(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var code = BudgetingCommand.Run(args, new CliConsole(output, error));
        return (code, output.ToString(), error.ToString());
    }

    private static void Ok((int Code, string Out, string Error) result, string step) =>
        Assert.That(result.Code, Is.Zero, $"{step}: {result.Out}{result.Error}");

    private static List<string[]> Rows(string csv) =>
        [.. File.ReadAllLines(csv).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))];

    // Checks a panel file against the categories file (feature,value,min,max in its first four columns, any header names),
    // reading the feature columns of the panel's rows by the header of the people file.
    private static void AssertMeetsQuotas(string panelCsv, string categoriesCsv, int size, string[]? householdColumns, string what)
    {
        var header = File.ReadAllLines(panelCsv)[0].Split(',');
        var rows = Rows(panelCsv);
        Assert.That(rows, Has.Count.EqualTo(size), what);
        foreach (var quota in Rows(categoriesCsv))
        {
            var column = Array.FindIndex(header, h => string.Equals(h.Trim(), quota[0].Trim(), StringComparison.OrdinalIgnoreCase));
            Assert.That(column, Is.GreaterThanOrEqualTo(0), $"{what}: column {quota[0]}");
            var count = rows.Count(r => string.Equals(r[column].Trim(), quota[1].Trim(), StringComparison.OrdinalIgnoreCase));
            Assert.That(count, Is.InRange(int.Parse(quota[2], CultureInfo.InvariantCulture), int.Parse(quota[3], CultureInfo.InvariantCulture)),
                $"{what}: {quota[0]} = {quota[1]}");
        }

        if (householdColumns is not null)
        {
            var columns = householdColumns.Select(c => Array.IndexOf(header, c)).ToArray();
            Assert.That(rows.Select(r => string.Join('|', columns.Select(c => r[c]))).Distinct().Count(), Is.EqualTo(size), $"{what}: one per household");
        }
    }

    private void Flow(string people, string categories, int size, string[] options, string[]? householdColumns, int firstDropouts, int secondDropouts)
    {
        var output = Path.Combine(folder, "lottery");
        string[] common = ["--people", people, "--categories", categories, "--size", size.ToString(CultureInfo.InvariantCulture), .. options, "--out", output];
        string[] audit = ["audit", .. common, "--seed", "draw seed 4 8 15"];
        Ok(Run(["draw", .. common]), "draw");
        Ok(Run("reveal", "--seed", "draw seed 4 8 15", "--out", output), "reveal");
        AssertMeetsQuotas(Path.Combine(output, "selected.csv"), categories, size, householdColumns, "drawn panel");
        Ok(Run(audit), "audit after reveal");
        if (!options.Contains("--id-column"))
        {
            Assert.That(File.ReadAllLines(Path.Combine(output, "selected.csv"))[0], Is.EqualTo("id," + File.ReadAllLines(people)[0]));
            var rowIds = Rows(Path.Combine(output, "selected.csv")).Concat(Rows(Path.Combine(output, "remaining.csv")))
                .Select(r => int.Parse(r[0], CultureInfo.InvariantCulture)).Order();
            Assert.That(rowIds, Is.EqualTo(Enumerable.Range(1, File.ReadAllLines(people).Length - 1)), "every data row once, by its number");
        }

        // Round 1: the first members of the panel drop out.
        var drawn = Rows(Path.Combine(output, "selected.csv")).Select(r => r[0]).ToArray();
        var dropouts1 = drawn.Take(firstDropouts).ToArray();
        Ok(Run("replace", "--out", output, "--dropouts", string.Join(',', dropouts1), "--panels", "200"), "commit round 1");
        Ok(Run([.. audit]), "audit with round 1 committed");
        Ok(Run("replace", "--out", output, "--seed", "round 1 seed 16 23 42"), "reveal round 1");
        var round1 = Path.Combine(output, "replacements", "round-1");
        AssertMeetsQuotas(Path.Combine(round1, "panel.csv"), categories, size, householdColumns, "panel after round 1");
        Ok(Run([.. audit, "--replacement-seed", "round 1 seed 16 23 42"]), "audit after round 1");

        // Round 2: round 1's first replacements drop out too; round 1's dropouts may not come back.
        var dropouts2 = Rows(Path.Combine(round1, "selected.csv")).Select(r => r[0]).Take(secondDropouts).ToArray();
        Ok(Run("replace", "--out", output, "--dropouts", string.Join(',', dropouts2), "--panels", "100"), "commit round 2");
        Ok(Run("replace", "--out", output, "--seed", "round 2 seed 3 1 4"), "reveal round 2");
        var panel2 = Path.Combine(output, "replacements", "round-2", "panel.csv");
        AssertMeetsQuotas(panel2, categories, size, householdColumns, "panel after round 2");
        Assert.That(Rows(panel2).Select(r => r[0]), Has.None.AnyOf([.. dropouts1, .. dropouts2]));
        var final = Run([.. audit, "--replacement-seed", "round 1 seed 16 23 42", "--replacement-seed", "round 2 seed 3 1 4"]);
        Ok(final, "audit after round 2");
        Assert.That(final.Out, Does.Contain("2 replacement round(s) re-derived and checked"));

        // Changing the first round's panel afterwards breaks the chain: round 2 committed to the real one.
        File.AppendAllText(Path.Combine(round1, "panel.csv"), File.ReadAllLines(Path.Combine(output, "remaining.csv"))[1] + "\n");
        var tampered = Run([.. audit, "--replacement-seed", "round 1 seed 16 23 42", "--replacement-seed", "round 2 seed 3 1 4"]);
        Assert.That(tampered.Code, Is.EqualTo(1));
        Assert.That(tampered.Out, Does.Contain("FAIL replacements/round-1/panel.csv: does not hold exactly the rows of the panel after the round"));
    }

    [Test]
    public void SfFixture_WithHouseholds_DrawRevealAuditReplaceAudit()
    {
        var instance = LotteryProcessTests.RequireInstance("sf_fixture");
        Flow(Path.Combine(instance, "candidates.csv"), Path.Combine(instance, "features.csv"), 22,
            ["--id-column", "nationbuilder_id", "--address-columns", "primary_address1,primary_zip"], ["primary_address1", "primary_zip"], 3, 3);
    }

    [Test]
    public void ExampleSmall20_DrawRevealAuditReplaceAudit()
    {
        var instance = LotteryProcessTests.RequireInstance("example_small_20");

        // respondents.csv has no id column: ids are data-row numbers, and the output rows lead with them.
        Flow(Path.Combine(instance, "respondents.csv"), Path.Combine(instance, "categories.csv"), 20, [], null, 5, 2);
    }
}
