using System.Text;
using Budgeting.Audit;
using Budgeting.Formats.Allocation;
using Budgeting.Tallying.Allocation;
using static Budgeting.Core.Tests.Audit.AuditBundleFixture;

namespace Budgeting.Core.Tests.Audit;

/// <summary>
/// The audit bundle of an allocation vote: a budget of 100 split across parks and roads by the mean of three
/// proposals, (60, 40), (30, 70) and (0, 100). By hand: the mean of parks is (60 + 30 + 0) / 3 = 30, of roads
/// (40 + 70 + 100) / 3 = 70, shares 3/10 and 7/10, both whole amounts.
/// </summary>
[TestFixture]
public sealed class AllocationBundleTests
{
    private static readonly AllocationElection Vote = new(["parks", "roads"], 100, ceilings: [80, 100]);
    private static readonly AllocationSettings Settings = new("mean", Vote);
    private static readonly AllocationBallot[] Proposals = [new("ann", [60, 40]), new("bob", [30, 70]), new("cat", [0, 100])];

    [Test]
    public void The_ballots_are_written_in_budgeting_allocates_format_numbered_in_the_seeds_order()
    {
        var csv = Encoding.UTF8.GetString(AnonymousAllocationBallots.ToBytes(Vote, Proposals, Seed));
        var rows = csv.Split('\n');

        Assert.That(rows[0], Is.EqualTo("voter_id,parks,roads"));
        Assert.That(rows[^1], Is.Empty, "the file ends with a newline");
        Assert.That(rows[1..^1].Select(r => r.Split(',', 2)[0]), Is.EqualTo(new[] { "1", "2", "3" }));
        Assert.That(rows[1..^1].Select(r => r.Split(',', 2)[1]).Order(StringComparer.Ordinal), Is.EqualTo(new[] { "0,100", "30,70", "60,40" }));
        Assert.That(csv, Does.Not.Contain("ann").And.Not.Contain("bob"));
        // Who voted what, or in which order, does not matter: the order depends on the ballots and the seed only.
        Assert.That(AnonymousAllocationBallots.ToBytes(Vote, [Proposals[2], Proposals[0], Proposals[1]], Seed), Is.EqualTo(Encoding.UTF8.GetBytes(csv)));
    }

    [Test]
    public void A_faithful_allocation_bundle_passes_and_its_results_hold_the_hand_computed_mean()
    {
        var contents = AllocationContents(Proposals);
        var results = Encoding.UTF8.GetString(contents.ResultsJson);
        Assert.That(results, Does.Contain("\"allocation\": {\n    \"parks\": 30,\n    \"roads\": 70\n  }"));
        Assert.That(results, Does.Contain("\"fractions\": {\n    \"parks\": \"3/10\",\n    \"roads\": \"7/10\"\n  }"));

        var verification = Verify(AuditBundle.ToBytes(contents));

        Assert.That(verification.Findings, Is.Empty);
        Assert.That(verification.Checked, Does.Contain("results.json: identical to the re-run aggregation of ballots.csv with mean"));
        Assert.That(verification.Checked, Does.Contain("ballots.csv: 3 ballots, each adding up to the budget within the floors and ceilings, numbered and ordered by the seed's shuffle"));
    }

    [Test]
    public void Other_ballots_behind_the_published_allocation_are_named()
    {
        // Published: the mean of the proposals above. The bundle's ballots: (75, 25), (30, 70), (0, 100), whose mean is
        // parks 105 / 3 = 35, roads 65.
        var forged = AllocationContents(Proposals) with
        {
            BallotsPb = AnonymousAllocationBallots.ToBytes(Vote, [new("x", [75, 25]), Proposals[1], Proposals[2]], Seed),
        };

        var verification = Verify(AuditBundle.ToBytes(forged));

        Assert.That(verification.Findings, Does.Contain("results.json: allocates parks 30, roads 70 but the re-run aggregation of ballots.csv with mean allocates parks 35, roads 65"));
    }

    [Test]
    public void Reordered_rows_and_rows_that_break_a_bound_are_named_with_their_line()
    {
        var csv = Encoding.UTF8.GetString(AnonymousAllocationBallots.ToBytes(Vote, Proposals, Seed)).Split('\n');
        // Keep the ids 1, 2, 3 but swap the ballots of lines 2 and 4 (all three ballots differ).
        var swapped = string.Join('\n', csv[0], "1," + csv[3].Split(',', 2)[1], csv[2], "3," + csv[1].Split(',', 2)[1], "");
        var reordered = Verify(AuditBundle.ToBytes(AllocationContents(Proposals) with { BallotsPb = Encoding.UTF8.GetBytes(swapped) }));
        Assert.That(reordered.Findings, Does.Contain("ballots.csv: line 2: voter 1's ballot is not the one the seed's shuffle puts there: the voters were reordered"));

        // Parks' ceiling is 80: a row giving it 90 is refused by the reader, naming line and field.
        var line = Array.FindIndex(csv, r => r.EndsWith(",60,40", StringComparison.Ordinal)) + 1;
        var over = string.Join('\n', csv).Replace(",60,40\n", ",90,10\n", StringComparison.Ordinal);
        var broken = Verify(AuditBundle.ToBytes(AllocationContents(Proposals) with { BallotsPb = Encoding.UTF8.GetBytes(over) }));
        Assert.That(broken.Findings, Does.Contain($"ballots.csv:{line}: field 'parks': amount 90 is above the area's ceiling 80"));
    }

    [Test]
    public void The_allocation_rule_json_round_trips_and_a_bad_one_is_named()
    {
        var bytes = Settings.ToBytes();
        Assert.That(Encoding.UTF8.GetString(bytes), Is.EqualTo(
            "{\n  \"rule\": \"mean\",\n  \"ballot\": \"allocation\",\n  \"budget\": 100,\n  \"areas\": [\n" +
            "    {\"id\": \"parks\", \"floor\": 0, \"ceiling\": 80},\n    {\"id\": \"roads\", \"floor\": 0, \"ceiling\": 100}\n  ]\n}\n"));
        var parsed = AllocationSettings.Parse(bytes);
        Assert.That(parsed.Rule, Is.EqualTo("mean"));
        Assert.That(parsed.Election.Areas, Is.EqualTo(new[] { "parks", "roads" }));
        Assert.That(parsed.Election.Ceilings, Is.EqualTo(new long[] { 80, 100 }));

        var unknown = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace("\"mean\"", "\"mode\"", StringComparison.Ordinal));
        var verification = Verify(AuditBundle.ToBytes(AllocationContents(Proposals) with { RuleJson = unknown }));
        Assert.That(verification.Findings, Does.Contain("rule.json is not a valid allocation rule: Unknown allocation rule 'mode'; expected one of independent-markets, piecewise-uniform, median, mean."));
    }

    // The fixture's election, lottery and panel, with the allocation vote's rule.json, ballots.csv and results.json.
    private static AuditBundleContents AllocationContents(IReadOnlyList<AllocationBallot> ballots)
    {
        var csv = AnonymousAllocationBallots.ToBytes(Vote, ballots, Seed);
        var file = AnonymousAllocationBallots.Read(csv, AuditBundle.AllocationBallots, Settings);
        var report = AnonymousAllocationBallots.Tally(file, Settings, AuditBundle.AllocationBallots);
        using var results = new MemoryStream();
        AllocationJson.Write(report, results);
        return Contents() with
        {
            ElectionJson = Utf8("""{"budget": 100, "ballotKind": "allocation", "rule": {"name": "mean"}, "projects": [], "areas": [{"id": "parks", "ceiling": 80}, {"id": "roads"}]}"""),
            RuleJson = Settings.ToBytes(),
            BallotsPb = csv,
            ResultsJson = results.ToArray(),
            BallotsFile = AuditBundle.AllocationBallots,
        };
    }
}
