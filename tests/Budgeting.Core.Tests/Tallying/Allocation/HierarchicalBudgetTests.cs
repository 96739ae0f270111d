using Budgeting.Audit;
using Budgeting.Elections;
using Budgeting.Tallying;
using Budgeting.Tallying.Allocation;
using Budgeting.Tallying.Rules;

namespace Budgeting.Core.Tests.Tallying.Allocation;

/// <summary>
/// A hierarchical budget with one project rule per area. The allocation: the mean of one proposal (200, 400) of a
/// budget of 600 is parks 200, roads 400. Roads' projects r1 (300), r2 (200), r3 (100) with approvals
/// P1 {r1}, P2 {r2, r3}, P3 {r1, r2}; parks' a (120), c (60) with P1 {a}, P2 {a, c}.
/// <para>
/// Greedy in roads (400): r1 and r2 have 2 votes each; the tie goes to the cheaper r2 (200 left), r1 (300) does not
/// fit, r3 (100) does: r2, r3. Equal Shares with cost utilities and no completion (each voter 400/3): r1 needs 300 from
/// P1 and P3, who hold 800/3: unaffordable; r2 costs P2 and P3 100 each, 1/2 per unit of utility; r3 costs P2 100,
/// 1 per unit; r2 first, after which P2 holds 100/3 &lt; 100 for r3 and P1 + P3 hold 500/3 &lt; 300 for r1: r2 only.
/// Parks (200) with greedy: a (2 votes, 80 left), then c (60): a, c.
/// </para>
/// </summary>
public sealed class HierarchicalBudgetTests
{
    private static readonly AllocationOutcome Split = AllocationRules.Create("mean")
        .Allocate(new AllocationElection(["parks", "roads"], 600), [new AllocationBallot("x", [200, 400])]);

    private static readonly Election Projects = new(
        [new("a", 120, "Playground", "parks"), new("c", 60, "Benches", "parks"), new("r1", 300, "Cycle lane", "roads"),
         new("r2", 200, "Crossing", "roads"), new("r3", 100, "Potholes", "roads")],
        600, BallotKind.Approval);

    private static Profile Approvals()
    {
        var builder = new ProfileBuilder(5);
        builder.Add([0, 2]);        // P1: a, r1
        builder.Add([0, 1, 3, 4]);  // P2: a, c, r2, r3
        builder.Add([2, 3]);        // P3: r1, r2
        return builder.Build();
    }

    private static ITallyRule Greedy => RuleCatalog.Create(new RuleOptions("greedy"));

    private static ITallyRule EqualShares => RuleCatalog.Create(new RuleOptions("equal-shares", Utility.Cost, Completion.None));

    private static string[] Funded(AreaProjectVote vote) => vote.Outcome!.Selected.Select(i => vote.Election.Projects[i].Id).ToArray();

    [Test]
    public void Each_area_is_tallied_with_its_own_rule_and_its_amount()
    {
        var votes = HierarchicalBudget.Tally(Split, Projects, Approvals(), [Greedy, EqualShares]);

        Assert.That(votes.Select(v => (v.Area, v.Election.Budget)), Is.EqualTo(new[] { ("parks", 200L), ("roads", 400L) }));
        Assert.That(Funded(votes[0]), Is.EqualTo(new[] { "a", "c" }));
        Assert.That(Funded(votes[1]), Is.EqualTo(new[] { "r2" }));
        Assert.That(votes[0].Profile.VoterCount, Is.EqualTo(2), "P3 approved nothing in parks");

        var oneRule = HierarchicalBudget.Tally(Split, Projects, Approvals(), Greedy);
        Assert.That(Funded(oneRule[1]), Is.EqualTo(new[] { "r2", "r3" }));
    }

    [Test]
    public void The_rules_must_be_one_per_area_and_an_area_with_projects_needs_one()
    {
        var count = Assert.Throws<ArgumentException>(() => HierarchicalBudget.Tally(Split, Projects, Approvals(), [Greedy]));
        Assert.That(count!.Message, Does.StartWith("There are 1 project rules for 2 areas; give one per area."));
        var missing = Assert.Throws<ArgumentException>(() => HierarchicalBudget.Tally(Split, Projects, Approvals(), [Greedy, null]));
        Assert.That(missing!.Message, Does.StartWith("Area 'roads' has projects but no project rule."));
    }

    [Test]
    public void The_hierarchical_json_adds_each_areas_project_vote_after_the_allocation()
    {
        var report = AllocationReport.Create(new AllocationElection(["parks", "roads"], 600), [new AllocationBallot("x", [200, 400])], Split, "ballots.csv");
        var votes = HierarchicalBudget.Tally(Split, Projects, Approvals(), [Greedy, EqualShares]);

        var json = System.Text.Encoding.UTF8.GetString(HierarchicalJson.ToBytes(report, votes, "projects.pb"));

        Assert.That(json, Does.StartWith(AllocationJson.ToJson(report)[..^3]), "the allocation report comes first, unchanged");
        Assert.That(json, Does.Contain("\"projectVotes\": [\n    {\n      \"area\": \"parks\",\n      \"budget\": 200,\n      \"report\": {"));
        Assert.That(json, Does.EndWith("]\n}\n"));
    }

    [Test]
    public void A_hierarchical_rule_json_keeps_each_areas_rule_and_reads_back()
    {
        var settings = new AllocationSettings("mean", new AllocationElection(["parks", "roads", "schools"], 600),
            [new RuleOptions("greedy"), new RuleOptions("equal-shares", Utility.Cost, Completion.None), null]);

        var bytes = settings.ToBytes();
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        var read = AllocationSettings.Parse(bytes);

        Assert.That(text, Does.Contain("  \"projectRules\": [\n    { \"rule\": \"greedy\", \"utility\": null, \"completion\": null,"));
        Assert.That(text, Does.EndWith("    null\n  ]\n}\n"));
        Assert.That(read.IsHierarchical, Is.True);
        Assert.That(read.ProjectRules!.Select(r => r?.Rule), Is.EqualTo(new[] { "greedy", "equal-shares", null }));
        Assert.That(read.ProjectRules![1]!.Utility, Is.EqualTo(Utility.Cost));
        Assert.That(read.ToBytes(), Is.EqualTo(bytes));
        Assert.That(AllocationSettings.Parse(new AllocationSettings("mean", settings.Election).ToBytes()).IsHierarchical, Is.False);
    }
}
