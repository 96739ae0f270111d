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

    [Test]
    public void Select_ForcedPerson_RaisesTheOthersFirstThenFixesThem()
    {
        // k = 2 with exactly one woman: the only woman is on every panel (probability 1); each panel adds one of three
        // men, and leximin spreads them equally: 1/3 each. MAXIMIN only guarantees the lowest level (1/3).
        const string categories = "feature,value,min,max\ngender,female,1,1\ngender,male,1,1\n";
        const string people = "gender\nfemale\nmale\nmale\nmale\n";
        var pool = SortitionTestData.FromText(people, categories, 2);
        var leximin = new Leximin().Select(pool, 2);
        Assert.That(leximin.PersonProbabilities, Is.EqualTo(new[] { 1.0, 1.0 / 3, 1.0 / 3, 1.0 / 3 }).Within(1e-9));
        AssertValid(pool, 2, leximin);

        var maximin = new Leximin(firstLevelOnly: true).Select(pool, 2);
        Assert.That(maximin.Algorithm, Is.EqualTo("maximin"));
        Assert.That(maximin.PersonProbabilities.Min(), Is.EqualTo(1.0 / 3).Within(1e-9));
        AssertValid(pool, 2, maximin);
    }

    [Test]
    public void Select_TwoLevels_SecondLevelIsRaisedAboveTheFirst()
    {
        // Quotas: 1 young, 1 old of k = 2. Young: a, b (2 people); old: c, d, e, f (4 people). Each panel has one young
        // (probability 1/2 each at best) and one old (1/4 each): leximin gives exactly these, maximin's first level is 1/4.
        const string categories = "category,name,min,max\nage,young,1,1\nage,old,1,1\n";
        const string people = "age\nyoung\nyoung\nold\nold\nold\nold\n";
        var pool = SortitionTestData.FromText(people, categories, 2);
        var distribution = new Leximin().Select(pool, 2);
        Assert.That(distribution.PersonProbabilities, Is.EqualTo(new[] { 0.5, 0.5, 0.25, 0.25, 0.25, 0.25 }).Within(1e-9));
        AssertValid(pool, 2, distribution);
    }

    [Test]
    public void SelectionAlgorithms_CreatesByName()
    {
        Assert.That(SelectionAlgorithms.Create("LEXIMIN").Name, Is.EqualTo("leximin"));
        Assert.That(SelectionAlgorithms.Create("maximin").Name, Is.EqualTo("maximin"));
        Assert.That(SelectionAlgorithms.Create("legacy").Name, Is.EqualTo("legacy"));
        Assert.Throws<ArgumentException>(() => SelectionAlgorithms.Create("random"));
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
