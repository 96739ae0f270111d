using Budgeting.Arithmetic;
using Budgeting.Core.Tests.Tallying.Rules;
using Budgeting.Tallying;
using Budgeting.Tallying.Metrics;

namespace Budgeting.Core.Tests.Tallying.Metrics;

public sealed class VoterMetricsTests
{
    // One voter holds everything: the population Gini of (0, 0, 0, 1) is 1 − 1/n = 3/4.
    [Test]
    public void Gini_OneHasAll_IsOneMinusOneOverN()
    {
        Assert.That(VoterMetricsCalculator.Gini(new Dictionary<long, long> { [0] = 3, [1] = 1 }), Is.EqualTo(new Rational(3, 4)));
    }

    // (1, 2, 3, 4, 5): Σ over unordered pairs of |xi − xj| = 4·1 + 3·2 + 2·3 + 1·4 = 20, n = 5, μ = 3:
    // G = 2·20 / (2·25·3) = 4/15 (the textbook value 0.2667).
    [Test]
    public void Gini_OneToFive_IsFourFifteenths()
    {
        var distribution = Enumerable.Range(1, 5).ToDictionary(i => (long)i, _ => 1L);
        Assert.That(VoterMetricsCalculator.Gini(distribution), Is.EqualTo(new Rational(4, 15)));
    }

    [Test]
    public void Gini_EqualOrAllZero_IsZero()
    {
        Assert.That(VoterMetricsCalculator.Gini(new Dictionary<long, long> { [7] = 10 }), Is.EqualTo(Rational.Zero));
        Assert.That(VoterMetricsCalculator.Gini(new Dictionary<long, long> { [0] = 10 }), Is.EqualTo(Rational.Zero));
    }

    // Budget 10; a costs 4, b 3, c 5; ballots 2×{a}, 1×{a,b}, 1×{c}; funded {a, b}.
    // Funded projects per voter: 1, 1, 2, 0 → one voter of four has none (1/4), mean 1,
    // Gini: unordered pair differences 1+1+2+0+1+1 = 6, so G = 2·6 / (2·16·1) = 3/8.
    // Cost per voter: 4, 4, 7, 0 → mean 15/4, which is 3/8 of the budget;
    // pair differences 4+4+7+0+3+3 = 21, so G = 2·21 / (2·16·15/4) = 7/20.
    [Test]
    public void Compute_SmallElection_MatchesHandCount()
    {
        var (election, profile) = PhragmenTests.Build(10, [("a", 4), ("b", 3), ("c", 5)], (2, ["a"]), (1, ["a", "b"]), (1, ["c"]));
        var outcome = new Outcome("hand", [0, 1], 7, 10, TieBreak.Default, [], []);

        var metrics = VoterMetricsCalculator.Compute(election, profile, outcome);

        Assert.That(metrics.VoterCount, Is.EqualTo(4));
        Assert.That(metrics.VotersWithNoFundedProject, Is.EqualTo(1));
        Assert.That(metrics.ShareWithNoFundedProject, Is.EqualTo(new Rational(1, 4)));
        Assert.That(metrics.AverageCardinalitySatisfaction, Is.EqualTo((Rational)1));
        Assert.That(metrics.GiniCardinalitySatisfaction, Is.EqualTo(new Rational(3, 8)));
        Assert.That(metrics.AverageCostSatisfaction, Is.EqualTo(new Rational(15, 4)));
        Assert.That(metrics.AverageCostSatisfactionShare, Is.EqualTo(new Rational(3, 8)));
        Assert.That(metrics.GiniCostSatisfaction, Is.EqualTo(new Rational(7, 20)));
        Assert.That(metrics.Describe()[0], Is.EqualTo("voters with no funded project: 1 of 4 (25%)"));
    }
}
