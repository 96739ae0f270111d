using Budgeting.Sortition;
using Budgeting.Sortition.Selection;

namespace Budgeting.Core.Tests.Sortition;

public class ReplacementsTests
{
    [Test]
    public void Plan_SfFixture_EveryReplacementRestoresQuotasAndHouseholds()
    {
        var pool = SortitionTestData.LoadSfFixture(22);
        var panel = new Leximin().Select(pool, 22).Panels[0];
        var dropouts = new[] { panel[0], panel[5], panel[9] };

        var plan = Replacements.Plan(pool, panel, dropouts);

        Assert.That(plan.Kept, Has.Count.EqualTo(19));
        Assert.That(plan.Candidates, Has.None.AnyOf(panel));
        Assert.That(plan.Distribution.PanelProbabilities.Sum(), Is.EqualTo(1.0).Within(1e-9));
        foreach (var set in plan.Distribution.Panels)
        {
            Assert.That(set, Has.Length.EqualTo(3));
            var restored = plan.Kept.Concat(set).Order().ToArray();
            Assert.That(PanelRules.Problems(pool, 22, restored), Is.Empty);
        }

        // The replacement probabilities add up to the number of dropouts, and nobody on the panel gets any.
        Assert.That(plan.Distribution.PersonProbabilities.Sum(), Is.EqualTo(3.0).Within(1e-6));
        Assert.That(panel.Select(p => plan.Distribution.PersonProbabilities[p]), Has.All.EqualTo(0.0));
    }

    [Test]
    public void Plan_ExcludesKeptMembersHouseholds()
    {
        // k = 2, one woman and one man. Panel {ann, bob}; bob drops out. carl shares ann's household, so only dave can
        // replace bob: probability 1 for dave, 0 for carl.
        const string categories = "feature,value,min,max\ngender,female,1,1\ngender,male,1,1\n";
        const string people = "id,gender,address\nann,female,1 Elm\nbob,male,2 Elm\ncarl,male,1 elm\ndave,male,3 Elm\n";
        var pool = SortitionTestData.FromText(people, categories, 2, new Budgeting.Sortition.Inputs.SortitionInputOptions("id", ["address"]));
        var plan = Replacements.Plan(pool, [0, 1], [1]);
        Assert.That(plan.Candidates, Is.EqualTo(new[] { 3 }));
        Assert.That(plan.Distribution.Panels, Is.EqualTo(new[] { new[] { 3 } }));
        Assert.That(plan.Distribution.PersonProbabilities, Is.EqualTo(new[] { 0.0, 0.0, 0.0, 1.0 }));
    }
}
