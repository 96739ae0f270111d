using System.Text.Json;
using Budgeting.Arithmetic;
using Budgeting.Elections;
using Budgeting.Tallying;
using Budgeting.Tallying.Reports;

namespace Budgeting.Core.Tests.Tallying.Reports;

public sealed class OutcomeReportTests
{
    // Three projects, A 300, B 200, C 500, budget 600. Four voters: {A,B}, {A}, {B,C}, {C}, so every project has
    // 2 approvals. A greedy tally breaks the three-way tie by min-cost: B (200), then A (300, total 500); C (500)
    // no longer fits. Spent 500 of 600 = 83.33…%, leftover 100. The outcome below is written by hand from that reasoning.
    private static (Election Election, Profile Profile, Outcome Outcome) Fixture()
    {
        var election = new Election(
            [new Project("A", 300, "Ay"), new Project("B", 200, "Bee"), new Project("C", 500, "Cee")],
            600,
            BallotKind.Approval);
        var builder = new ProfileBuilder(3);
        builder.Add([0, 1]);
        builder.Add([0]);
        builder.Add([1, 2]);
        builder.Add([2]);
        var tie = new Tie("position 1 of the greedy order", ["A", "B", "C"], ["B"], OutcomeChanging: true);
        var outcome = new Outcome(
            "greedy",
            [1, 0],
            500,
            600,
            TieBreak.Default,
            [tie],
            [
                new Explanation("B", true, 1, "highest score left; fits", 2, new Rational(7, 2), new Rational(200, 3)),
                new Explanation("A", true, 2, "highest score left; fits", 2),
                new Explanation("C", false, 3, "cost 500 exceeds the remaining 100", 2),
            ]);
        return (election, builder.Build(), outcome);
    }

    [Test]
    public void Create_ListsFundedProjectsInFundingOrderWithRecomputedScores()
    {
        var (election, profile, outcome) = Fixture();
        var report = OutcomeReport.Create(election, profile, outcome, "fixture.pb");
        Assert.That(report.Funded.Select(p => (p.Id, p.Cost, p.Score, p.Supporters)), Is.EqualTo(new[] { ("B", 200L, 2L, 2L), ("A", 300L, 2L, 2L) }));
        Assert.That(report.Leftover, Is.EqualTo(100));
        Assert.That(report.VoterCount, Is.EqualTo(4));
    }

    [Test]
    public void Create_OutcomeChangingTie_GetsASentenceNamingTheProjects()
    {
        var (election, profile, outcome) = Fixture();
        var report = OutcomeReport.Create(election, profile, outcome);
        Assert.That(report.TieNotes, Is.EqualTo(new[]
        {
            "A tie decided the outcome at position 1 of the greedy order: projects A, B and C were tied, and the tie-break order (min-cost,max-votes,id) chose B.",
        }));
    }

    [Test]
    public void Create_TieThatChangesNothing_GetsNoSentence()
    {
        var (election, profile, outcome) = Fixture();
        outcome = outcome with { Ties = [new Tie("round 2", ["A", "C"], ["A"], OutcomeChanging: false)] };
        Assert.That(OutcomeReport.Create(election, profile, outcome).TieNotes, Is.Empty);
    }

    [Test]
    public void TextReport_ShowsSpendingTiesAndExplanations()
    {
        var (election, profile, outcome) = Fixture();
        var text = TextReport.ToText(OutcomeReport.Create(election, profile, outcome, "fixture.pb"));
        Assert.That(text, Does.StartWith("Outcome of fixture.pb\nRule: greedy\nElection: 3 projects, 4 voters, approval ballots, budget 600\n"));
        Assert.That(text, Does.Contain("  1  B    200      2  Bee\n  2  A    300      2  Ay\n"));
        Assert.That(text, Does.Contain("Total spent: 500 of 600 (83.3%)\nLeftover: 100\n"));
        Assert.That(text, Does.Contain("Tie-break order: min-cost,max-votes,id\n"));
        Assert.That(text, Does.Contain("  position 1 of the greedy order: A, B and C tied; chosen B (decided the outcome)\n"));
        // 7/2 = 3.5 and 200/3 = 66.6666… → 66.6667 at four decimals.
        Assert.That(text, Does.Contain("  Funded\n    B (round 1): highest score left; fits [score 2; effective votes 3.5 (exactly 7/2); payment per supporter 66.6667 (exactly 200/3)]\n    A (round 2)"));
        Assert.That(text, Does.Contain("  Not funded\n    C (round 3): cost 500 exceeds the remaining 100 [score 2]\n"));
        Assert.That(text, Does.Not.Contain("\r"));
    }

    [Test]
    public void JsonReport_HasSelectedTotalCostBudgetRuleAndTies()
    {
        var (election, profile, outcome) = Fixture();
        using var json = JsonDocument.Parse(JsonReport.ToJson(OutcomeReport.Create(election, profile, outcome, "fixture.pb")));
        var root = json.RootElement;
        Assert.That(root.GetProperty("selected").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "B", "A" }));
        Assert.That(root.GetProperty("totalCost").GetInt64(), Is.EqualTo(500));
        Assert.That(root.GetProperty("budget").GetInt64(), Is.EqualTo(600));
        Assert.That(root.GetProperty("leftover").GetInt64(), Is.EqualTo(100));
        Assert.That(root.GetProperty("rule").GetString(), Is.EqualTo("greedy"));
        Assert.That(root.GetProperty("tieBreak").GetProperty("criteria").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "min-cost", "max-votes", "id" }));
        var tie = root.GetProperty("ties")[0];
        Assert.That(tie.GetProperty("projects").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "A", "B", "C" }));
        Assert.That(tie.GetProperty("chosen")[0].GetString(), Is.EqualTo("B"));
        Assert.That(tie.GetProperty("outcomeChanging").GetBoolean(), Is.True);
        var votes = root.GetProperty("explanations")[0].GetProperty("effectiveVotes");
        Assert.That(votes.GetProperty("exact").GetString(), Is.EqualTo("7/2"));
        Assert.That(votes.GetProperty("approx").GetDecimal(), Is.EqualTo(3.5m));
    }

    [Test]
    public void JsonReport_HasVoterMetrics()
    {
        // Funded B and A. Voter {A,B} has 2 funded projects, {A} 1, {B,C} 1, {C} none: 1 voter of 4 has none, and the
        // average number of funded projects is (2 + 1 + 1 + 0) / 4 = 1. Approval ballots, so the EJR checks are there.
        var (election, profile, outcome) = Fixture();
        using var json = JsonDocument.Parse(JsonReport.ToJson(OutcomeReport.Create(election, profile, outcome)));
        var metrics = json.RootElement.GetProperty("metrics");
        Assert.That(metrics.GetProperty("noFundedProjectShare").GetProperty("value").GetProperty("exact").GetString(), Is.EqualTo("1/4"));
        Assert.That(metrics.GetProperty("noFundedProjectShare").GetProperty("value").GetProperty("approx").GetDecimal(), Is.EqualTo(0.25m));
        Assert.That(metrics.GetProperty("averageCardinalitySatisfaction").GetProperty("value").GetProperty("exact").GetString(), Is.EqualTo("1"));
        Assert.That(metrics.TryGetProperty("ejrUpToOneCardinality", out _), Is.True);
    }

    [Test]
    public void JsonReport_IsTheSameOnEveryRun()
    {
        var (election, profile, outcome) = Fixture();
        var report = OutcomeReport.Create(election, profile, outcome, "fixture.pb");
        Assert.That(JsonReport.ToJson(report), Is.EqualTo(JsonReport.ToJson(OutcomeReport.Create(election, profile, outcome, "fixture.pb"))));
    }
}
