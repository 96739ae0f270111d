using Budgeting.Sortition;
using Budgeting.Sortition.Selection;

namespace Budgeting.Core.Tests.Sortition;

public class LeximinTests
{
    [TestCase("example_small_20", 20)]
    [TestCase("example_large_200", 200)]
    public void Select_PaperInstance_GivesEveryoneTenPercent(string name, int panelSize)
    {
        // published_statistics.txt: "LEXIMIN minimum probability (exact): 10.0%" with mean k/n = 10.0%, gini 0.0%:
        // so every person has 10.0%.
        var pool = SortitionTestData.LoadPaperInstance(name, panelSize);
        var distribution = new Leximin().Select(pool, panelSize);

        Assert.That(distribution.PersonProbabilities.Min(), Is.EqualTo(0.100).Within(0.001));
        Assert.That(distribution.PersonProbabilities.Max(), Is.EqualTo(0.100).Within(0.001));
        AssertValid(pool, panelSize, distribution);
    }

    [Test]
    public void Select_SfFixtureWithHouseholds_GivesValidPanels()
    {
        var pool = SortitionTestData.LoadSfFixture(22);
        var distribution = new Leximin().Select(pool, 22);
        AssertValid(pool, 22, distribution);
        // The mean probability is k/n = 22/150 whatever the distribution; leximin's minimum cannot exceed it.
        Assert.That(distribution.PersonProbabilities.Sum(), Is.EqualTo(22.0).Within(1e-6));
        Assert.That(distribution.PersonProbabilities.Min(), Is.LessThanOrEqualTo(22.0 / 150 + 1e-9));
    }

    [Test]
    public void Select_IsDeterministic()
    {
        var pool = SortitionTestData.LoadSfFixture(22);
        var first = new Leximin().Select(pool, 22);
        var second = new Leximin().Select(pool, 22);
        Assert.That(second.Panels, Is.EqualTo(first.Panels));
        Assert.That(second.PanelProbabilities, Is.EqualTo(first.PanelProbabilities));
        Assert.That(second.PersonProbabilities, Is.EqualTo(first.PersonProbabilities));
    }

    internal static void AssertValid(Pool pool, int panelSize, PanelDistribution distribution)
    {
        Assert.That(distribution.PanelProbabilities.Sum(), Is.EqualTo(1.0).Within(1e-9));
        Assert.That(distribution.PanelProbabilities, Has.All.GreaterThan(0));
        foreach (var panel in distribution.Panels)
        {
            Assert.That(PanelRules.Problems(pool, panelSize, panel), Is.Empty);
            Assert.That(panel, Is.Ordered.Ascending);
        }

        var recomputed = new double[pool.People.Count];
        for (var i = 0; i < distribution.Panels.Count; i++)
        {
            foreach (var person in distribution.Panels[i])
            {
                recomputed[person] += distribution.PanelProbabilities[i];
            }
        }

        Assert.That(distribution.PersonProbabilities, Is.EqualTo(recomputed).Within(1e-12));
    }
}
