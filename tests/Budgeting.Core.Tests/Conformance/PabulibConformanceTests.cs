using System.Globalization;
using System.Text;
using Budgeting.Formats.Pabulib;
using Budgeting.Tallying;
using Budgeting.Tallying.Rules;

namespace Budgeting.Core.Tests.Conformance;

/// <summary>
/// Runs <c>official</c> over every Pabulib election that records its official outcome (a <c>selected</c> column) and
/// declares a rule (not <c>unknown</c>), with scores recomputed from the raw votes, and compares the funded set with the
/// official one read by <see cref="OfficialOutcome"/>. The files that are not reproduced are listed, each with its reason,
/// in <c>known-differences.csv</c>; the test asserts that the list is exactly right, so it fails both when a new file stops
/// matching and when a listed file starts matching.
/// </summary>
public sealed class PabulibConformanceTests
{
    private const string TableName = "known-differences.csv";

    [Test]
    public void Official_ReproducesEveryOfficialOutcomeExceptTheKnownDifferences()
    {
        var folder = SharedData.RequirePabulib();
        var files = Directory.GetFiles(folder, "*.pb.gz").Order(StringComparer.Ordinal).ToArray();
        Assume.That(files, Is.Not.Empty, $"No .pb.gz files in {folder}.");
        var results = new FileResult?[files.Length];
        Parallel.For(0, files.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => results[i] = Check(files[i]));

        var considered = results.Where(r => r is not null).Select(r => r!).ToArray();
        var mismatches = considered.Where(r => r.Difference is not null).ToDictionary(r => r.Name, r => r.Difference!, StringComparer.Ordinal);
        var table = ReadTable();
        var newMismatches = mismatches.Keys.Where(k => !table.ContainsKey(k)).Order(StringComparer.Ordinal).ToArray();
        var nowMatching = table.Keys.Where(k => !mismatches.ContainsKey(k)).Order(StringComparer.Ordinal).ToArray();

        TestContext.Out.WriteLine($"Pabulib conformance: {files.Length} files, {considered.Length} with a selected column and a defined rule, "
            + $"{considered.Length - mismatches.Count} reproduced by official, {mismatches.Count} not (listed in {TableName}).");
        foreach (var group in considered.GroupBy(r => r.Rule).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            TestContext.Out.WriteLine($"  {group.Key}: {group.Count()} files, {group.Count(r => r.Difference is null)} reproduced");
        }

        var tied = considered.Where(r => r.ChangingTie).ToArray();
        TestContext.Out.WriteLine($"  files with an outcome-changing tie under {TieBreak.Default}: {tied.Length}, of which {tied.Count(r => r.Difference is null)} reproduced");

        var message = new StringBuilder();
        foreach (var name in newMismatches)
        {
            message.AppendLine(CultureInfo.InvariantCulture, $"NEW MISMATCH {name}: {mismatches[name]}");
        }

        foreach (var name in nowMatching)
        {
            message.AppendLine(CultureInfo.InvariantCulture, $"NOW MATCHES (remove from {TableName}) {name}: {table[name]}");
        }

        Assert.That(message.ToString(), Is.Empty, "The files official does not reproduce differ from the checked-in table.");
    }

    [Test]
    public void KnownDifferences_EveryRowHasASpecificReason()
    {
        var table = ReadTable();
        Assert.That(table, Is.Not.Empty);
        foreach (var (file, reason) in table)
        {
            Assert.That(reason, Has.Length.GreaterThan(20), $"The reason for {file} is too short to be specific.");
        }
    }

    // Piątkowo 2023: budget 1,140,000. III.5 (4,854 votes, cost 483,150) is funded, leaving 656,850; III.1 (2,552 votes,
    // cost 800,000) does not fit, but 656,850 is 82% of 800,000 >= 80%, so the clause funds it (selected = 2 in the file).
    [Test]
    public void Poznan2023Piatkowo_EightyPercentClauseFundsTheProjectMarkedTwo()
    {
        var file = PabulibReader.Read(SharedData.RequirePabulibFile("Poland_Poznan_2023_3_-_Piatkowo_Polnoc_Piatkowo"), new PabulibReadOptions { KeepVoters = false });
        var outcome = Official.For(file, TieBreak.Default).Tally(file.Election, file.Profile);
        var ids = outcome.Selected.Select(i => file.Election.Projects[i].Id).ToArray();
        Assert.That(ids, Is.EqualTo(new[] { "III.5", "III.1" }));
        Assert.That(outcome.Explanations[file.Election.IndexOf("III.1")].Reason, Does.StartWith("funded by the 80% clause"));
        Assert.That(OfficialOutcome.Projects(file.Selected, file.MetaValue("unit")).Select(i => file.Election.Projects[i].Id), Is.EquivalentTo(ids));
    }

    // Winogrady 2023: budget 1,170,000. I.5 (cost 769,000) is funded, leaving 401,000; I.1 (cost 800,000) does not fit and
    // 401,000 is only 50% of it, so the rule stops. The file marks I.1 with 3: funded later from reserve money, not by the rule.
    [Test]
    public void Poznan2023Winogrady_ValueThreeIsOutsideTheRule()
    {
        var file = PabulibReader.Read(SharedData.RequirePabulibFile("Poland_Poznan_2023_1_-_Nowe_Winogrady_Polnoc_Nowe_Winogrady_Poludnie_Nowe_Winogrady_Wschod_Stare_Winogrady"), new PabulibReadOptions { KeepVoters = false });
        var outcome = Official.For(file, TieBreak.Default).Tally(file.Election, file.Profile);
        Assert.That(outcome.Selected.Select(i => file.Election.Projects[i].Id), Is.EqualTo(new[] { "I.5" }));
        Assert.That(file.Selected[file.Election.IndexOf("I.1")], Is.EqualTo(3));
        Assert.That(OfficialOutcome.Projects(file.Selected, "Poznań"), Is.EqualTo(new[] { file.Election.IndexOf("I.5") }));
    }

    // Babie Doły 2020 (small): projects 1 (cost 10,000) and 5 (cost 9,200) tie at 101 approvals with 12,025 left; only one fits.
    // The city funded 1 (selected = 1) and 5 later from outside money (selected = 2). min-cost puts 5 first, so the tie is
    // outcome-changing: strict mode must refuse it, and the default order must report it.
    [Test]
    public void Gdynia2020BabieDoly_TieIsReportedAndStrictModeRefusesIt()
    {
        var file = PabulibReader.Read(SharedData.RequirePabulibFile("Poland_Gdynia_2020_Babie_Doly__small"), new PabulibReadOptions { KeepVoters = false });
        var outcome = new Official(TieBreak.Default).Tally(file.Election, file.Profile);
        var tie = outcome.Ties.Single(t => t.OutcomeChanging);
        Assert.That(tie.ProjectIds, Is.EquivalentTo(new[] { "1", "5" }));
        Assert.That(tie.ChosenIds, Is.EqualTo(new[] { "5" }));
        Assert.Throws<TieException>(() => new Official(TieBreak.Default with { Strict = true }).Tally(file.Election, file.Profile));
    }

    private static FileResult? Check(string path)
    {
        var name = Path.GetFileName(path);
        name = name[..^".pb.gz".Length];
        PabulibFile file;
        try
        {
            file = PabulibReader.Read(path, new PabulibReadOptions { KeepVoters = false });
        }
        catch (PabulibFormatException e)
        {
            return new FileResult(name, "(unreadable)", $"the reader rejects the file: {e.Message}");
        }

        var rule = file.Election.Rule;
        if (!OfficialOutcome.HasSelected(file.Selected) || string.Equals(rule, "unknown", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var expected = OfficialOutcome.Projects(file);
        Outcome outcome;
        try
        {
            outcome = Official.For(file, TieBreak.Default).Tally(file.Election, file.Profile);
        }
        catch (NotSupportedException e)
        {
            return new FileResult(name, rule, $"not supported: {e.Message}");
        }

        var actual = outcome.Selected.ToHashSet();
        if (actual.SetEquals(expected))
        {
            return new FileResult(name, rule, null, outcome.Ties.Any(t => t.OutcomeChanging));
        }

        string Ids(IEnumerable<int> set) => string.Join(' ', set.Order().Select(i => file.Election.Projects[i].Id));
        var ties = outcome.Ties.Where(t => t.OutcomeChanging).Select(t => $"tie between {string.Join(' ', t.ProjectIds)} at {t.Step}");
        return new FileResult(name, rule, $"official funds [{Ids(actual.Except(expected))}] the city did not, misses [{Ids(expected.Except(actual))}]; {string.Join("; ", ties)}", ties.Any());
    }

    private static Dictionary<string, string> ReadTable()
    {
        var path = Path.Combine(SharedData.RepositoryRoot, "tests", "Budgeting.Core.Tests", "Conformance", TableName);
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var cut = line.IndexOf(';', StringComparison.Ordinal);
            Assert.That(cut, Is.GreaterThan(0), $"Malformed row in {TableName}: {line}");
            Assert.That(table.TryAdd(line[..cut], line[(cut + 1)..]), Is.True, $"Duplicate row in {TableName}: {line}");
        }

        return table;
    }

    private sealed record FileResult(string Name, string Rule, string? Difference, bool ChangingTie = false);
}
