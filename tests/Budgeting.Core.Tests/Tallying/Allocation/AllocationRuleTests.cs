using Budgeting.Arithmetic;
using Budgeting.Tallying.Allocation;
using static Budgeting.Core.Tests.Tallying.Allocation.AllocationFixtures;

namespace Budgeting.Core.Tests.Tallying.Allocation;

/// <summary>
/// Hand-worked allocation votes. Shares are written as fractions of the budget; for a moving phantom mechanism with n
/// panelists the median of an area is the (n + 1)-th smallest of its 2n + 1 values (n reports, n + 1 phantoms).
/// Independent Markets (IM): f_k(t) = min(t(n − k), 1). Piecewise Uniform (PU), phantom at position j/n:
/// t ≤ 1/2: 2t·max(0, 2j − n)/n; t ≥ 1/2: j(2t − 1)/n if 2j ≤ n, else 1 − (n − j)(3 − 2t)/n.
/// </summary>
public sealed class AllocationRuleTests
{
    private static AllocationOutcome Run(string rule, long budget, params long[][] proposals)
    {
        var (election, ballots) = Vote(budget, proposals);
        return AllocationRules.Create(rule).Allocate(election, ballots);
    }

    // Unanimous: three panelists propose (50, 30, 20). Every median of n equal reports lies between the lowest and the
    // highest phantom, so a moving phantom mechanism returns the common proposal (IM at t = 1: phantoms 3, 2, 1, 0 capped
    // at 1, the median is the report); the mean and the median of equal numbers are the number itself.
    [TestCase("independent-markets")]
    [TestCase("piecewise-uniform")]
    [TestCase("median")]
    [TestCase("mean")]
    public void Allocate_Unanimous_ReturnsTheCommonProposal(string rule)
    {
        var outcome = Run(rule, 100, [50, 30, 20], [50, 30, 20], [50, 30, 20]);
        Assert.That(outcome.Amounts, Is.EqualTo(new long[] { 50, 30, 20 }));
        Assert.That(outcome.Fractions, Is.EqualTo(Shares("1/2", "3/10", "1/5")));
    }

    // A single panelist (n = 1): IM's medians are min(a_j, t) (phantoms min(t, 1) and 0); they add up to 1 only once
    // t ≥ max a_j, when every median is a_j. PU's upper phantom is 2t, the lower 0: the same with 2t for t.
    [TestCase("independent-markets")]
    [TestCase("piecewise-uniform")]
    [TestCase("median")]
    [TestCase("mean")]
    public void Allocate_SingleVoter_ReturnsTheirProposal(string rule)
    {
        var outcome = Run(rule, 1000, [700, 0, 300]);
        Assert.That(outcome.Amounts, Is.EqualTo(new long[] { 700, 0, 300 }));
    }

    // Two panelists, two areas: (60, 40) and (20, 80) of 100.
    // IM, phantoms 2t, t, 0 (t ≤ 1/2). Area 0 {0.6, 0.2, 2t, t, 0}; area 1 {0.4, 0.8, 2t, t, 0}.
    //   t in [0.4, 0.5]: area 0 sorts 0, 0.2, t, 0.6, 2t -> t; area 1 sorts 0, 0.4, t, 0.8, 2t -> t; 2t = 1 at t = 1/2.
    //   Below 0.4 area 1's median is 0.4 and area 0's is at most t, so the sum is below 0.8. Outcome (1/2, 1/2), set by
    //   phantom f_1 = t in both areas.
    // PU: for t ≤ 1/2 phantoms 2t, 0, 0 give medians min(0.2, 2t) and min(0.4, 2t): at most 0.6. For t ≥ 1/2 the phantoms
    //   are 1, u = (2t − 1)/2, 0: medians max(0.2, u) and max(0.4, u) for u ≤ 1/2, summing to 1 only at u = 1/2 (t = 1).
    // Mean (40, 60). Median: (0.6 + 0.2)/2 = 0.4 and (0.4 + 0.8)/2 = 0.6, already adding up to 1.
    [TestCase("independent-markets", 50, 50)]
    [TestCase("piecewise-uniform", 50, 50)]
    [TestCase("median", 40, 60)]
    [TestCase("mean", 40, 60)]
    public void Allocate_TwoVotersTwoAreas_MatchesTheHandWorkedShares(string rule, long first, long second)
    {
        var outcome = Run(rule, 100, [60, 40], [20, 80]);
        Assert.That(outcome.Amounts, Is.EqualTo(new[] { first, second }));
    }

    [Test]
    public void IndependentMarkets_TwoVotersTwoAreas_StopsAtTimeOneHalfOnPhantomOne()
    {
        var outcome = Run("independent-markets", 100, [60, 40], [20, 80]);
        Assert.That(outcome.Time, Is.EqualTo(new Rational(1, 2)));
        Assert.That(outcome.Explanations.Select(e => (e.Source, e.Phantom)), Is.EqualTo(new[] { (AreaValueSource.Phantom, (int?)1), (AreaValueSource.Phantom, (int?)1) }));
    }

    [Test]
    public void IndependentMarkets_Unanimous_NamesTheFirstPanelistWhoseReportIsTheMedian()
    {
        var outcome = Run("independent-markets", 100, [50, 30, 20], [50, 30, 20], [50, 30, 20]);
        Assert.That(outcome.Explanations.Select(e => (e.Source, e.VoterId)), Is.All.EqualTo((AreaValueSource.Report, "v1")));
    }

    // One panelist puts everything in area 0: (100, 0, 0); the other proposes (50, 50, 0).
    // IM, phantoms 2t, t, 0: area 2 has three zeros -> 0; area 1 {0, 0.5, 2t, t, 0} -> min(t, 0.5) = t;
    //   area 0 {1, 0.5, 2t, t, 0}: 2t for t ≤ 1/4, then 0.5. Sum 3t ≤ 3/4 up to t = 1/4, then 0.5 + t = 1 at t = 1/2.
    //   Outcome (50, 50, 0): the exaggeration does not pay.
    // PU: t ≤ 1/2, phantoms 2t, 0, 0: medians min(0.5, 2t), 0, 0; t ≥ 1/2, phantoms 1, u, 0 (u = (2t − 1)/2 ≤ 1/2):
    //   area 0 sorts 0, u, 0.5, 1, 1 -> 0.5; area 1 sorts 0, 0, u, 0.5, 1 -> u; 0.5 + u = 1 at t = 1. Outcome (50, 50, 0).
    // Mean (75, 25, 0): the exaggerator drags it. Median (0.75, 0.25, 0), already adding up to 1.
    [TestCase("independent-markets", 50, 50, 0)]
    [TestCase("piecewise-uniform", 50, 50, 0)]
    [TestCase("median", 75, 25, 0)]
    [TestCase("mean", 75, 25, 0)]
    public void Allocate_PanelistPutsEverythingInOneArea_MatchesTheHandWorkedShares(string rule, long a0, long a1, long a2)
    {
        var outcome = Run(rule, 100, [100, 0, 0], [50, 50, 0]);
        Assert.That(outcome.Amounts, Is.EqualTo(new[] { a0, a1, a2 }));
    }

    // Nobody funds area 2: (60, 40, 0) and (20, 80, 0). Its values are 0, 0 and phantoms 2t, t, 0 (IM) or 2t, 0, 0 /
    // 1, u, 0 (PU): three zeros, so its median is always 0, and the rest is the two-area case above.
    [TestCase("independent-markets", 50, 50)]
    [TestCase("piecewise-uniform", 50, 50)]
    [TestCase("median", 40, 60)]
    [TestCase("mean", 40, 60)]
    public void Allocate_AreaNobodyFunds_GetsNothing(string rule, long a0, long a1)
    {
        var outcome = Run(rule, 100, [60, 40, 0], [20, 80, 0]);
        Assert.That(outcome.Amounts, Is.EqualTo(new[] { a0, a1, 0 }));
        Assert.That(outcome.Fractions[2], Is.EqualTo(Rational.Zero));
    }

    // The example in the introduction of Caragiannis, Christodoulou, Protopapas (arXiv 2203.09971): a quarter of the
    // residents propose (20 %, 0 %, 80 %), a quarter (40 %, 40 %, 20 %), half (100 %, 0 %, 0 %); the paper gives the mean
    // (65 %, 10 %, 25 %). Four panelists in those proportions:
    // IM, n = 4, phantoms 4t, 3t, 2t, t, 0; medians are the 5th smallest of 9.
    //   Area 1 {0, 0.4, 0, 0} + phantoms: four zeros, then min(t, 0.4).
    //   Area 2 {0.8, 0.2, 0, 0} + phantoms: three zeros, then the 2nd smallest of {t, 2t, 3t, 4t, 0.2, 0.8}: t for t ≥ 0.2.
    //   Area 0 {0.2, 0.4, 1, 1} + phantoms: for t in [0.2, 0.25] sorts 0, 0.2, t, 0.4, 2t, … -> 2t.
    //   On [0.2, 0.25] the sum is 4t, 1 at t = 1/4: (1/2, 1/4, 1/4). Below 0.2 area 0 is at most 0.4 and the others at
    //   most t + 0.2, under 1.
    // PU, n = 4: for t ≤ 1/2 phantoms 2t, t, 0, 0, 0 give medians 0.4, 0, 0 at t = 1/2; for t ≥ 1/2, with u = (2t − 1)/4,
    //   phantoms 1, 1/2 + u, 2u, u, 0: area 1 -> u, area 2 -> max(u, 0.2) for u ≥ 0.1, area 0 -> 0.4 up to u = 0.2 and 2u
    //   after; the sum reaches 1 only at 4u = 1, t = 1: (1/2, 1/4, 1/4).
    [TestCase("mean", "13/20", "1/10", "1/4")]
    [TestCase("independent-markets", "1/2", "1/4", "1/4")]
    [TestCase("piecewise-uniform", "1/2", "1/4", "1/4")]
    public void Allocate_CaragiannisIntroductionExample_MatchesTheHandWorkedShares(string rule, string a0, string a1, string a2)
    {
        var outcome = Run(rule, 100, [20, 0, 80], [40, 40, 20], [100, 0, 0], [100, 0, 0]);
        Assert.That(outcome.Fractions, Is.EqualTo(Shares(a0, a1, a2)));
    }

    [Test]
    public void IndependentMarkets_CaragiannisIntroductionExample_StopsAtTimeOneQuarter()
    {
        var outcome = Run("independent-markets", 100, [20, 0, 80], [40, 40, 20], [100, 0, 0], [100, 0, 0]);
        Assert.That(outcome.Time, Is.EqualTo(new Rational(1, 4)));
        // 2t = f_2, t = f_3.
        Assert.That(outcome.Explanations.Select(e => e.Phantom), Is.EqualTo(new int?[] { 2, 3, 3 }));
    }

    // Proportionality (Freeman et al.): when every panelist puts the whole budget in one area, each area gets its share
    // of the panelists. Two of three panelists want area 0, one wants area 1: IM, phantoms 3t, 2t, t, 0: area 0 {1, 1, 0}
    // -> 4th smallest of 0, 0, t, 2t, 1, 1, 3t = 2t; area 1 {0, 0, 1} -> t; 3t = 1. Shares (2/3, 1/3): 66.67 and 33.33
    // round down to 66 and 33, and the last unit goes to the larger remainder (area 0): (67, 33).
    // PU at t = 1 has the uniform phantoms 1, 2/3, 1/3, 0 and gives the same medians (2/3, 1/3).
    [TestCase("independent-markets")]
    [TestCase("piecewise-uniform")]
    [TestCase("mean")]
    public void Allocate_SingleMindedPanelists_IsProportional(string rule)
    {
        var outcome = Run(rule, 100, [100, 0], [100, 0], [0, 100]);
        Assert.That(outcome.Fractions, Is.EqualTo(Shares("2/3", "1/3")));
        Assert.That(outcome.Amounts, Is.EqualTo(new long[] { 67, 33 }));
    }

    // Three panelists, each all-in on a different area: every area's median proposal is 0, so the median rule falls
    // back to the mean, 1/3 each; 33.33 three times rounds to 33 + 33 + 33 = 99 and the tie for the last unit goes to
    // the first area: (34, 33, 33).
    [Test]
    public void Median_EveryMedianZero_FallsBackToTheMeanWithANote()
    {
        var outcome = Run("median", 100, [100, 0, 0], [0, 100, 0], [0, 0, 100]);
        Assert.That(outcome.Fractions, Is.EqualTo(Shares("1/3", "1/3", "1/3")));
        Assert.That(outcome.Amounts, Is.EqualTo(new long[] { 34, 33, 33 }));
        Assert.That(outcome.Notes, Is.EqualTo(new[] { "Every area's median proposal is 0, so the outcome falls back to the mean." }));
        Assert.That(outcome.Explanations.Select(e => e.Source), Is.All.EqualTo(AreaValueSource.Mean));
    }

    // Median rescaling: (72, 18, 0), (0, 72, 18), (18, 0, 72) of 90: each area's median is 18 = 1/5 of the budget, and
    // the three add up to 3/5, so each is divided by 3/5: thirds, 30 each.
    [Test]
    public void Median_MediansNotAddingUp_AreRescaled()
    {
        var outcome = Run("median", 90, [72, 18, 0], [0, 72, 18], [18, 0, 72]);
        Assert.That(outcome.Fractions, Is.EqualTo(Shares("1/3", "1/3", "1/3")));
        Assert.That(outcome.Amounts, Is.EqualTo(new long[] { 30, 30, 30 }));
        Assert.That(outcome.Explanations.Select(e => e.Value), Is.All.EqualTo(new Rational(1, 5)));
    }

    [Test]
    public void Allocate_NoBallots_Throws()
    {
        var election = new AllocationElection(["a", "b"], 10);
        foreach (var rule in AllRules)
        {
            Assert.That(() => rule.Allocate(election, []), Throws.ArgumentException.With.Message.Contains("no ballots"));
        }
    }

    [Test]
    public void Allocate_BallotNotAddingUpToTheBudget_Throws()
    {
        var election = new AllocationElection(["a", "b"], 10);
        Assert.That(
            () => new IndependentMarkets().Allocate(election, [new AllocationBallot("x", [3, 4])]),
            Throws.ArgumentException.With.Message.EqualTo("Ballot of 'x' adds up to 7, not the budget 10. (Parameter 'ballots')"));
    }

    [Test]
    public void Create_UnknownName_ListsTheRules()
    {
        Assert.That(() => AllocationRules.Create("average"), Throws.ArgumentException.With.Message.EqualTo(
            "Unknown allocation rule 'average'; expected one of independent-markets, piecewise-uniform, median, mean."));
    }
}
