using Budgeting.Sortition.Selection;

namespace Budgeting.Core.Tests.Sortition;

public class LegacySelectionTests
{
    [Test]
    public void Estimate_ExampleLarge200_MinimumFarBelowLeximinsTenPercent()
    {
        // published_statistics.txt: LEGACY minimum probability ≤ 0.25% (99% Jeffreys upper bound, sample proportion
        // 0.0014 of 10,000 runs), against LEXIMIN's 10.0%. With 500 runs the upper bound is looser but still far below 10%.
        var pool = SortitionTestData.LoadPaperInstance("example_large_200", 200);
        var estimate = new LegacySelection("test", 500).Estimate(pool, 200);

        Assert.That(estimate.JeffreysUpper, Is.LessThan(0.05));
        Assert.That(estimate.WilsonUpper, Is.LessThan(0.05));
        Assert.That(estimate.MinimumProbability, Is.LessThanOrEqualTo(estimate.WilsonUpper));
        Assert.That(estimate.Runs, Is.EqualTo(500));
        LeximinTests.AssertValid(pool, 200, estimate.Distribution);
    }

    [Test]
    public void Select_SfFixture_ValidAndDeterministic()
    {
        var pool = SortitionTestData.LoadSfFixture(22);
        var first = new LegacySelection("seed", 200).Select(pool, 22);
        var second = new LegacySelection("seed", 200).Select(pool, 22);
        LeximinTests.AssertValid(pool, 22, first);
        Assert.That(second.Panels, Is.EqualTo(first.Panels));
        Assert.That(second.PersonProbabilities, Is.EqualTo(first.PersonProbabilities));
    }

    [Test]
    public void Wilson_MatchesTheTextbookFormula()
    {
        // 0 of 10 at 95%: z = 1.959964, upper = z²/n / (1 + z²/n) = 0.384146/1.384146 = 0.27753.
        var (lower, upper) = LegacySelection.Wilson(0, 10, 0.95);
        Assert.That(lower, Is.EqualTo(0).Within(1e-12));
        Assert.That(upper, Is.EqualTo(0.27753).Within(1e-5));
    }
}
