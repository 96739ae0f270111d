using System.Globalization;
using Budgeting.Elections;
using Budgeting.Tallying;
using Budgeting.Tallying.Rules;

namespace Budgeting.Core.Tests.Tallying.Rules;

public sealed class MaxWelfareTests
{
    private static readonly TieBreak ById = new([TieBreakCriterion.ProjectId]);

    private static string[] Ids(Election election, Outcome outcome) => outcome.Selected.Select(i => election.Projects[i].Id).OrderBy(id => id, StringComparer.Ordinal).ToArray();

    // Budget 10; A costs 6 with 7 approvals, B and C cost 5 with 5 approvals each (the same 5 voters).
    // Greedy by approvals takes A (6) and then neither B nor C fits: welfare 7.
    // The knapsack optimum is {B, C}: cost 10, welfare 10; {A} alone is the only other maximal set (7).
    [Test]
    public void Tally_GreedyIsSuboptimal_FindsTheKnapsackOptimum()
    {
        var (election, profile) = PhragmenTests.Build(10, [("A", 6), ("B", 5), ("C", 5)], (7, ["A"]), (5, ["B", "C"]));

        var outcome = new MaxWelfare(ById).Tally(election, profile);

        Assert.That(Ids(election, outcome), Is.EqualTo(new[] { "B", "C" }));
        Assert.That(outcome.TotalCost, Is.EqualTo(10));
        Assert.That(outcome.Ties, Is.Empty);
        Assert.That(outcome.Explanations.Single(e => e.ProjectId == "A").Funded, Is.False);
    }

    // Three projects of cost 5 with 3 approvals each, budget 10: {A,B}, {A,C} and {B,C} all reach 6.
    // By id, A is preferred, then B: {A, B}. The tie is reported as outcome-changing.
    [Test]
    public void Tally_SeveralOptima_TakesTheOnePreferredByTheOrder()
    {
        var (election, profile) = PhragmenTests.Build(10, [("A", 5), ("B", 5), ("C", 5)], (3, ["A"]), (3, ["B"]), (3, ["C"]));

        var outcome = new MaxWelfare(ById).Tally(election, profile);

        Assert.That(Ids(election, outcome), Is.EqualTo(new[] { "A", "B" }));
        Assert.That(outcome.Ties, Has.Count.EqualTo(1));
        Assert.That(outcome.Ties[0].OutcomeChanging, Is.True);
        Assert.That(outcome.Ties[0].ProjectIds, Does.Contain("C"));
    }

    [Test]
    public void Tally_SeveralOptima_LotteryOrderDecides()
    {
        var (election, profile) = PhragmenTests.Build(10, [("A", 5), ("B", 5), ("C", 5)], (3, ["A"]), (3, ["B"]), (3, ["C"]));
        var lottery = new TieBreak([TieBreakCriterion.Lottery], Seed: "2024-05-01 draw");
        var rank = lottery.Rank(election, [3, 3, 3]);
        var expected = new[] { "A", "B", "C" }.OrderBy(id => rank[election.IndexOf(id)]).Take(2).OrderBy(id => id, StringComparer.Ordinal).ToArray();

        var outcome = new MaxWelfare(lottery).Tally(election, profile);

        Assert.That(Ids(election, outcome), Is.EqualTo(expected));
    }

    [Test]
    public void Tally_StrictModeAndSeveralOptima_Throws()
    {
        var (election, profile) = PhragmenTests.Build(10, [("A", 5), ("B", 5), ("C", 5)], (3, ["A"]), (3, ["B"]), (3, ["C"]));

        var exception = Assert.Throws<TieException>(() => new MaxWelfare(ById with { Strict = true }).Tally(election, profile));

        Assert.That(exception!.Tie.OutcomeChanging, Is.True);
    }

    // Strict mode accepts a unique optimum.
    [Test]
    public void Tally_StrictModeAndUniqueOptimum_Succeeds()
    {
        var (election, profile) = PhragmenTests.Build(10, [("A", 6), ("B", 5), ("C", 5)], (7, ["A"]), (5, ["B", "C"]));

        var outcome = new MaxWelfare(ById with { Strict = true }).Tally(election, profile);

        Assert.That(Ids(election, outcome), Is.EqualTo(new[] { "B", "C" }));
    }

    // Cumulative ballots: X gets 5 points, Y and Z 3 each; budget 4, X costs 3, Y and Z 2.
    // {X} scores 5 (X with anything else costs 5 > 4); {Y, Z} scores 6 and costs 4.
    [Test]
    public void Tally_PointBallots_MaximiseTotalPoints()
    {
        var election = new Election([new Project("X", 3), new Project("Y", 2), new Project("Z", 2)], 4, BallotKind.Cumulative);
        var builder = new ProfileBuilder(3, withPoints: true);
        builder.Add([0], [5]);
        builder.Add([1, 2], [3, 3]);

        var outcome = new MaxWelfare(ById).Tally(election, builder.Build());

        Assert.That(Ids(election, outcome), Is.EqualTo(new[] { "Y", "Z" }));
    }

    // A project no one voted for adds nothing, so it is not funded even though it fits (and it creates no tie).
    [Test]
    public void Tally_ProjectWithoutVotes_IsNotFunded()
    {
        var (election, profile) = PhragmenTests.Build(10, [("A", 1), ("Z", 1)], (1, ["A"]));

        var outcome = new MaxWelfare(ById with { Strict = true }).Tally(election, profile);

        Assert.That(Ids(election, outcome), Is.EqualTo(new[] { "A" }));
        Assert.That(outcome.Explanations.Single(e => e.ProjectId == "Z").Reason, Does.Contain("score is 0"));
    }

    // Brute force over every subset: the greatest total score, then the set whose membership vector,
    // read in tie-break order, is largest (the highest-ranked project in, then the next...).
    [Test]
    public void Tally_RandomElections_AgreeWithBruteForce()
    {
        var random = new Random(2019);
        for (var instance = 0; instance < 60; instance++)
        {
            var m = random.Next(1, 10);
            var projects = Enumerable.Range(0, m).Select(i => ((i + 1).ToString(CultureInfo.InvariantCulture), (long)random.Next(1, 20))).ToArray();
            var ballots = Enumerable.Range(0, random.Next(1, 12))
                .Select(_ => (random.Next(1, 4), projects.Where(_ => random.Next(3) == 0).Select(p => p.Item1).ToArray()))
                .ToArray();
            var (election, profile) = PhragmenTests.Build(random.Next(1, 50), projects, ballots);
            var score = Scores.Compute(election, profile);

            long bestScore = -1;
            var bestKey = string.Empty;
            for (var mask = 0; mask < 1 << m; mask++)
            {
                long c = 0, s = 0;
                for (var p = 0; p < m; p++)
                {
                    if ((mask >> p & 1) == 1)
                    {
                        c += projects[p].Item2;
                        s += score[p];
                    }
                }

                var usesZero = Enumerable.Range(0, m).Any(p => (mask >> p & 1) == 1 && score[p] == 0);
                if (c > election.Budget || usesZero)
                {
                    continue;
                }

                // Ids are 1..m, so id order is index order: the key's character p is '1' when project p is in.
                var key = new string(Enumerable.Range(0, m).Select(p => (mask >> p & 1) == 1 ? '1' : '0').ToArray());
                if (s > bestScore || (s == bestScore && string.CompareOrdinal(key, bestKey) > 0))
                {
                    bestScore = s;
                    bestKey = key;
                }
            }

            var outcome = new MaxWelfare(ById).Tally(election, profile);

            var got = new string(Enumerable.Range(0, m).Select(p => outcome.Selected.Contains(p) ? '1' : '0').ToArray());
            Assert.That(got, Is.EqualTo(bestKey), $"instance {instance}");
        }
    }
}
