using Budgeting.Audit;
using Budgeting.Sortition.Inputs;
using Budgeting.Sortition.Lottery;

namespace Budgeting.Cli.Tests;

/// <summary>
/// The lottery part of an audit bundle, written by <c>budgeting draw</c> and <c>reveal</c> on <see cref="LotteryFixture"/>'s
/// pool (panel of 3), for the audit-bundle command tests.
/// </summary>
internal sealed record BundleLottery(byte[] CategoriesCsv, string PoolSha256, byte[] PanelFeaturesCsv, AuditRound Round)
{
    /// <summary>Draws and reveals the lottery with <paramref name="seed"/> in <paramref name="folder"/>.</summary>
    public static BundleLottery Draw(string folder, string seed)
    {
        var people = Path.Combine(folder, "people.csv");
        var categories = Path.Combine(folder, "categories.csv");
        File.WriteAllText(people, LotteryFixture.People.ReplaceLineEndings("\n"));
        File.WriteAllText(categories, LotteryFixture.Categories.ReplaceLineEndings("\n"));
        var lottery = Path.Combine(folder, "lottery");
        var draw = CliRun.Lottery("draw", "--people", people, "--categories", categories, "--size", "3", "--id-column", "id",
            "--address-columns", "address", "--panels", "100", "--out", lottery);
        Assert.That(draw.Code, Is.Zero, draw.Error);
        var reveal = CliRun.Lottery("reveal", "--seed", seed, "--out", lottery);
        Assert.That(reveal.Code, Is.Zero, reveal.Error);

        var json = File.ReadAllBytes(Path.Combine(lottery, "lottery.json"));
        var record = RevealRecord.Parse(File.ReadAllBytes(Path.Combine(lottery, "reveal.json")));
        var document = LotteryFile.Parse(json);
        var pool = SortitionInputs.Load(people, categories, 3, new SortitionInputOptions("id", ["address"]));
        var onSomePanel = document.Panels.SelectMany(p => p.Members).ToHashSet(StringComparer.Ordinal);
        return new BundleLottery(
            File.ReadAllBytes(categories),
            LotteryFile.Sha256(File.ReadAllBytes(people)),
            PanelFeatures.Write(pool, onSomePanel),
            new AuditRound(0, json, LotteryFile.Sha256(json), record.Seed, record.Index, []));
    }

    /// <summary>A bundle's contents: this lottery, a panel of three active panelists, and the given vote files.</summary>
    public AuditBundleContents Contents(byte[] electionJson, byte[] ruleJson, byte[] ballots, byte[] results, string ballotsFile = AuditBundle.Ballots) =>
        new(electionJson, ruleJson, CategoriesCsv, PoolSha256, PanelFeaturesCsv, [Round],
            [new("panelist-1", 0, "active"), new("panelist-2", 0, "active"), new("panelist-3", 0, "active")],
            ballots, results, ballotsFile);
}
