using Budgeting.Elections;
using Budgeting.Tallying;
using Budgeting.Tallying.Rules;

namespace Budgeting.Core.Tests.Tallying.Rules;

/// <summary>
/// Hand-worked examples for the greedy family. Every expected outcome is derived by hand in the comments.
/// </summary>
public sealed class GreedyTests
{
    private static readonly TieBreak ById = new([TieBreakCriterion.ProjectId]);

    // Builds an approval election: projects (id, cost, approvals); each approval is one voter approving that project alone.
    private static (Election Election, Profile Profile) Approvals(long budget, long? threshold, params (string Id, long Cost, int Votes)[] projects)
    {
        var election = new Election(projects.Select(p => new Project(p.Id, p.Cost)).ToArray(), budget, BallotKind.Approval, scoreThreshold: threshold);
        var builder = new ProfileBuilder(projects.Length);
        for (var i = 0; i < projects.Length; i++)
        {
            if (projects[i].Votes > 0)
            {
                builder.Add([i], multiplicity: projects[i].Votes);
            }
        }

        return (election, builder.Build());
    }

    private static string[] Funded(Election election, Outcome outcome) => outcome.Selected.Select(i => election.Projects[i].Id).ToArray();

    // Budget 10. Order by score: A (5 votes, cost 6), B (4, cost 6), C (3, cost 3).
    // Skip: A fits (4 left); B costs 6 > 4, skipped; C costs 3 <= 4, funded (1 left). -> A, C.
    // No-skip: A fits; B does not fit, stop. -> A.
    // 80% clause: A fits (4 left); B: 4 < 0.8 * 6 = 4.8, not funded, stop. -> A.
    [TestCase(GreedyVariant.Skip, new[] { "A", "C" })]
    [TestCase(GreedyVariant.NoSkip, new[] { "A" })]
    [TestCase(GreedyVariant.NoSkipWithEightyPercent, new[] { "A" })]
    public void Tally_SkipVersusNoSkip(GreedyVariant variant, string[] expected)
    {
        var (e, p) = Approvals(10, null, ("A", 6, 5), ("B", 6, 4), ("C", 3, 3));
        var outcome = new Greedy(variant, ById).Tally(e, p);
        Assert.That(Funded(e, outcome), Is.EqualTo(expected));
        Assert.That(outcome.TotalCost, Is.EqualTo(expected.Sum(id => e.Projects[e.IndexOf(id)].Cost)));
    }

    // Budget 100, everything fits. Scores 5, 3, 2; threshold 3: a project needs score >= 3,
    // so A (5) and B (3, exactly the threshold) are funded and C (2) is not, in every variant.
    [TestCase(GreedyVariant.Skip)]
    [TestCase(GreedyVariant.NoSkip)]
    [TestCase(GreedyVariant.NoSkipWithEightyPercent)]
    public void Tally_ThresholdHoldsForEveryVariant(GreedyVariant variant)
    {
        var (e, p) = Approvals(100, 3, ("A", 10, 5), ("B", 10, 3), ("C", 10, 2));
        var outcome = new Greedy(variant, ById).Tally(e, p);
        Assert.That(Funded(e, outcome), Is.EqualTo(new[] { "A", "B" }));
        var c = outcome.Explanations.Single(x => x.ProjectId == "C");
        Assert.That(c.Funded, Is.False);
        Assert.That(c.Reason, Is.EqualTo("score 2 is below the threshold 3"));
    }

    // A project below the threshold does not stop no-skip: budget 10, A (5 votes, cost 6) funded,
    // B (1 vote, cost 100) is below threshold 2 and must not count as "the first that did not fit";
    // it is last in the order anyway, so check its reason names the threshold, not the budget.
    [Test]
    public void Tally_BelowThresholdProjectIsNotTheStopper()
    {
        var (e, p) = Approvals(10, 2, ("A", 6, 5), ("B", 100, 1));
        var outcome = new Greedy(GreedyVariant.NoSkip, ById).Tally(e, p);
        Assert.That(outcome.Explanations.Single(x => x.ProjectId == "B").Reason, Does.StartWith("score 1 is below the threshold 2"));
    }

    // Budget 10000: A (cost 6000) fits, 4000 left. B costs 5000; 4000 is exactly 80% of 5000, so the clause funds B
    // (total 11000, over budget by 1000) and the rule stops, so C (cost 1) is not funded.
    // With budget 9999, 3999 is left, 3999 < 4000 = 80% of 5000: B is not funded, the rule stops, C is not funded.
    [TestCase(10000, new[] { "A", "B" })]
    [TestCase(9999, new[] { "A" })]
    public void Tally_EightyPercentClauseBoundary(long budget, string[] expected)
    {
        var (e, p) = Approvals(budget, null, ("A", 6000, 5), ("B", 5000, 4), ("C", 1, 3));
        var outcome = new Greedy(GreedyVariant.NoSkipWithEightyPercent, ById).Tally(e, p);
        Assert.That(Funded(e, outcome), Is.EqualTo(expected));
        var c = outcome.Explanations.Single(x => x.ProjectId == "C");
        Assert.That(c.Reason, Is.EqualTo("not considered: the rule had stopped at project B, the first that did not fit"));
    }

    // Plain no-skip on the same election never overspends: B does not fit 4000, stop.
    [Test]
    public void Tally_NoSkipHasNoEightyPercentClause()
    {
        var (e, p) = Approvals(10000, null, ("A", 6000, 5), ("B", 5000, 4), ("C", 1, 3));
        var outcome = new Greedy(GreedyVariant.NoSkip, ById).Tally(e, p);
        Assert.That(Funded(e, outcome), Is.EqualTo(new[] { "A" }));
    }

    // X and Y tie at 3 approvals; the budget 5 funds only one. min-cost: Y (4) beats X (5), so Y is funded and X
    // is skipped (1 left). Had X come first it would have fitted, so the tie is outcome-changing.
    [Test]
    public void Tally_MinCostBreaksTie()
    {
        var (e, p) = Approvals(5, null, ("X", 5, 3), ("Y", 4, 3));
        var outcome = new Greedy(GreedyVariant.Skip, new TieBreak([TieBreakCriterion.MinCost])).Tally(e, p);
        Assert.That(Funded(e, outcome), Is.EqualTo(new[] { "Y" }));
        var tie = outcome.Ties.Single();
        Assert.That(tie.ProjectIds, Is.EquivalentTo(new[] { "X", "Y" }));
        Assert.That(tie.ChosenIds, Is.EqualTo(new[] { "Y" }));
        Assert.That(tie.OutcomeChanging, Is.True);
        Assert.That(outcome.Explanations.Single(x => x.ProjectId == "X").Reason, Is.EqualTo("skipped: cost 5 exceeds the remaining 1"));
    }

    // Cumulative ballots: voter 1 gives X 2 points; voters 2 and 3 give Y 1 point each. Both score 2, but Y has
    // 2 supporters against X's 1, so max-votes funds Y. Costs are equal (5) and the budget 5 funds one.
    [Test]
    public void Tally_MaxVotesBreaksTie()
    {
        var e = new Election([new Project("X", 5), new Project("Y", 5)], 5, BallotKind.Cumulative);
        var b = new ProfileBuilder(2, withPoints: true);
        b.Add([0], [2]);
        b.Add([1], [1], multiplicity: 2);
        var outcome = new Greedy(GreedyVariant.Skip, new TieBreak([TieBreakCriterion.MaxVotes])).Tally(e, b.Build());
        Assert.That(Funded(e, outcome), Is.EqualTo(new[] { "Y" }));
        Assert.That(outcome.Explanations.Single(x => x.ProjectId == "Y").Score, Is.EqualTo(2));
        Assert.That(outcome.Ties.Single().OutcomeChanging, Is.True);
    }

    // Ids "10" and "9" tie; numeric ids compare by value, so "9" wins although "10" < "9" as text.
    [Test]
    public void Tally_ProjectIdBreaksTieNumerically()
    {
        var (e, p) = Approvals(5, null, ("10", 5, 3), ("9", 5, 3));
        var outcome = new Greedy(GreedyVariant.Skip, ById).Tally(e, p);
        Assert.That(Funded(e, outcome), Is.EqualTo(new[] { "9" }));
    }

    // A seeded lottery: the same seed always gives the same winner, and over several seeds both tied projects
    // win at least once (each wins with probability 1/2 per seed, so 16 seeds all agreeing has probability 2^-15).
    [Test]
    public void Tally_LotteryIsSeededAndDeterministic()
    {
        var (e, p) = Approvals(5, null, ("X", 5, 3), ("Y", 5, 3));
        var winners = new HashSet<string>();
        for (var s = 0; s < 16; s++)
        {
            var tieBreak = TieBreak.Parse("lottery", seed: $"seed-{s}");
            var first = Funded(e, new Greedy(GreedyVariant.Skip, tieBreak).Tally(e, p));
            var again = Funded(e, new Greedy(GreedyVariant.Skip, tieBreak).Tally(e, p));
            Assert.That(again, Is.EqualTo(first));
            Assert.That(first, Has.Length.EqualTo(1));
            winners.Add(first[0]);
        }

        Assert.That(winners, Is.EquivalentTo(new[] { "X", "Y" }));
    }

    // The tie of Tally_MinCostBreaksTie in strict mode: it changes the outcome, so the rule refuses.
    [Test]
    public void Tally_StrictModeThrowsOnOutcomeChangingTie()
    {
        var (e, p) = Approvals(5, null, ("X", 5, 3), ("Y", 4, 3));
        var rule = new Greedy(GreedyVariant.Skip, new TieBreak([TieBreakCriterion.MinCost], Strict: true));
        var ex = Assert.Throws<TieException>(() => rule.Tally(e, p));
        Assert.That(ex!.Tie.ProjectIds, Is.EquivalentTo(new[] { "X", "Y" }));
        Assert.That(ex.Message, Does.Contain("X").And.Contain("Y"));
    }

    // Ties that decide nothing: with budget 20 both tied projects (5, 4) fit in any order, so no tie is even recorded;
    // with budget 3 neither fits in any order (recorded, not outcome-changing). Strict mode accepts both.
    [TestCase(20, 0)]
    [TestCase(3, 1)]
    public void Tally_StrictModeAcceptsTiesThatDecideNothing(long budget, int recorded)
    {
        var (e, p) = Approvals(budget, null, ("X", 5, 3), ("Y", 4, 3));
        var outcome = new Greedy(GreedyVariant.Skip, new TieBreak([TieBreakCriterion.MinCost], Strict: true)).Tally(e, p);
        Assert.That(outcome.Ties, Has.Count.EqualTo(recorded));
        Assert.That(outcome.Ties.All(t => !t.OutcomeChanging), Is.True);
    }

    // No-skip: X (5) and Y (4) tie, budget 4. By min-cost Y is funded (0 left) and X stops the rule; had X come first,
    // X would not fit and the rule would stop with nothing funded. Different sets: outcome-changing.
    // Budget 3: neither fits whichever comes first, the outcome is empty either way: not outcome-changing.
    [TestCase(4, true)]
    [TestCase(3, false)]
    public void Tally_NoSkipTieDetection(long budget, bool changing)
    {
        var (e, p) = Approvals(budget, null, ("X", 5, 3), ("Y", 4, 3));
        var outcome = new Greedy(GreedyVariant.NoSkip, new TieBreak([TieBreakCriterion.MinCost])).Tally(e, p);
        Assert.That(outcome.Ties.Single().OutcomeChanging, Is.EqualTo(changing));
    }

    // 80% clause with both tied members funded, the last by the clause. Costs 5 and 5, budget 9: whichever is first
    // leaves 4 = 80% of 5, so both are funded in either order: not outcome-changing.
    // Costs 2 and 8, budget 9: 2 then 8 leaves 7 >= 6.4, both funded; 8 then 2 leaves 1 < 1.6, only 8. Outcome-changing.
    [TestCase(5, 5, false)]
    [TestCase(2, 8, true)]
    public void Tally_EightyPercentTieDetection(long costX, long costY, bool changing)
    {
        var (e, p) = Approvals(9, null, ("X", costX, 3), ("Y", costY, 3));
        var outcome = new Greedy(GreedyVariant.NoSkipWithEightyPercent, new TieBreak([TieBreakCriterion.MinCost])).Tally(e, p);
        Assert.That(Funded(e, outcome), Is.EquivalentTo(new[] { "X", "Y" }));
        Assert.That(outcome.Ties.Single().OutcomeChanging, Is.EqualTo(changing));
    }

    // Explanations cover every project, with its position in the greedy order.
    [Test]
    public void Tally_ExplainsEveryProject()
    {
        var (e, p) = Approvals(10, null, ("A", 6, 5), ("B", 6, 4), ("C", 3, 3));
        var skip = new Greedy(GreedyVariant.Skip, ById).Tally(e, p);
        Assert.That(skip.Explanations.Select(x => (x.ProjectId, x.Funded, x.Round, x.Reason)), Is.EqualTo(new[]
        {
            ("A", true, 1, "funded at position 1 with score 5: cost 6 fits in the remaining 10"),
            ("B", false, 2, "skipped: cost 6 exceeds the remaining 4"),
            ("C", true, 3, "funded at position 3 with score 3: cost 3 fits in the remaining 4"),
        }));
        var noSkip = new Greedy(GreedyVariant.NoSkip, ById).Tally(e, p);
        Assert.That(noSkip.Explanations[1].Reason, Is.EqualTo("not funded: cost 6 exceeds the remaining 4; the rule stops at the first project that does not fit"));
        Assert.That(noSkip.Explanations[2].Reason, Is.EqualTo("not considered: the rule had stopped at project B, the first that did not fit"));
        Assert.That(noSkip.TieBreak, Is.SameAs(ById));
    }
}
