using Budgeting.Sortition.Lottery;

namespace Budgeting.Core.Tests.Sortition.Lottery;

public sealed class LotteryStatisticsTests
{
    [Test]
    public void Gini_EqualValues_IsZero() => Assert.That(LotteryStatistics.Gini([0.1, 0.1, 0.1, 0.1]), Is.Zero);

    [Test]
    public void Gini_OnePersonHasEverything_IsThreeQuartersForFour()
    {
        // Σ_i Σ_j |x_i − x_j| = 2 × 3 × 1 = 6; 2 n² mean = 2 × 16 × 1/4 = 8; 6/8 = 0.75.
        Assert.That(LotteryStatistics.Gini([0, 0, 0, 1]), Is.EqualTo(0.75).Within(1e-12));
    }

    [Test]
    public void Gini_TwoValues_MatchesThePairwiseDefinition()
    {
        // {1, 3}: Σ|x_i − x_j| over ordered pairs = 4; 2 n² mean = 2 × 4 × 2 = 16; 4/16 = 0.25.
        Assert.That(LotteryStatistics.Gini([3, 1]), Is.EqualTo(0.25).Within(1e-12));
    }

    [Test]
    public void ChiSquare_PerfectFit_HasStatisticZeroAndPValueOne()
    {
        var (statistic, df, p) = LotteryStatistics.ChiSquare([10, 10], [0.5, 0.5]);
        Assert.That((statistic, df), Is.EqualTo((0.0, 1)));
        Assert.That(p, Is.EqualTo(1).Within(1e-12));
    }

    [Test]
    public void ChiSquare_FifteenFiveAgainstHalves_MatchesTheTable()
    {
        // E = 10 each: (5² + 5²)/10 = 5 with 1 degree of freedom; P(χ²₁ > 5) = 2(1 − Φ(√5)) = 0.025347 (normal table, Φ(2.2361) = 0.987326).
        var (statistic, df, p) = LotteryStatistics.ChiSquare([15, 5], [0.5, 0.5]);
        Assert.That(statistic, Is.EqualTo(5).Within(1e-12));
        Assert.That(df, Is.EqualTo(1));
        Assert.That(p, Is.EqualTo(0.025347).Within(1e-5));
    }

    [Test]
    public void ChiSquare_ObservedWhereTheShareIsZero_IsInfiniteWithPValueZero()
    {
        var (statistic, df, p) = LotteryStatistics.ChiSquare([1, 5, 4], [0, 0.5, 0.5]);
        Assert.That(double.IsPositiveInfinity(statistic), Is.True);
        Assert.That((df, p), Is.EqualTo((1, 0.0)));
    }
}
