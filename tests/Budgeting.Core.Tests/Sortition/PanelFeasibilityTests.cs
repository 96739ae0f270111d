using Budgeting.Sortition.Inputs;
using Budgeting.Sortition.Selection;

namespace Budgeting.Core.Tests.Sortition;

public class PanelFeasibilityTests
{
    // Two young people (one female, one male) and two old ones. A panel of 2 with 2 females needs both females
    // (young and old); 2 young people needs both young (female and male): the two minimums cannot both hold.
    private const string People = "id,gender,age\nfy,female,young\nfo,female,old\nmy,male,young\nmo,male,old\n";
    private const string Conflicting =
        "feature,value,min,max,min_flex,max_flex\n" +
        "gender,female,2,2,1,2\ngender,male,0,2,0,2\n" +
        "age,young,2,2,2,2\nage,old,0,0,0,0\n";

    [Test]
    public void Check_ConflictingMinimums_AreNamedAndTheSmallestRelaxationProposed()
    {
        var pool = SortitionTestData.FromText(People, Conflicting, 2, new SortitionInputOptions("id"));
        var report = PanelFeasibility.Check(pool, 2);

        Assert.That(report.Feasible, Is.False);
        Assert.That(report.Conflict, Does.Contain(new QuotaBound("gender", "female", QuotaSide.Min, 2)));
        Assert.That(report.Conflict, Does.Contain(new QuotaBound("age", "young", QuotaSide.Min, 2)));
        // young cannot move (min_flex 2) and old cannot rise (max_flex 0); female's min may fall to 1: {fy, my} then works.
        Assert.That(report.Relaxation, Is.EqualTo(new[] { new QuotaRelaxation("gender", "female", 2, 2, 1, 2) }));
        Assert.That(report.Describe(), Does.Contain("gender=female min 2").And.Contain("gender=female: min 2 → 1"));

        var e = Assert.Throws<InfeasibleQuotasException>(() => new Leximin().Select(pool, 2));
        Assert.That(e!.Report.Feasible, Is.False);
    }

    [Test]
    public void Check_NoRelaxationWithinFlex_SaysSo()
    {
        var categories = Conflicting.Replace("gender,female,2,2,1,2", "gender,female,2,2,2,2");
        var pool = SortitionTestData.FromText(People, categories, 2, new SortitionInputOptions("id"));
        var report = PanelFeasibility.Check(pool, 2);
        Assert.That(report.Feasible, Is.False);
        Assert.That(report.Relaxation, Is.Null);
    }

    [Test]
    public void Check_PersonOnNoFeasiblePanel_IsReported()
    {
        // One female and one male, one young and one old: the valid panels are {fy, mo} and {fo, my}. fy and mo share a
        // household, so only {fo, my} remains: fy and mo have probability 0.
        const string categories = "feature,value,min,max\ngender,female,1,1\ngender,male,1,1\nage,young,1,1\nage,old,1,1\n";
        const string people = "id,gender,age,address\nfy,female,young,1 Main St\nfo,female,old,2 Main St\nmy,male,young,3 Main St\nmo,male,old,1 MAIN ST\n";
        var pool = SortitionTestData.FromText(people, categories, 2, new SortitionInputOptions("id", ["address"]));
        var report = PanelFeasibility.Check(pool, 2);

        Assert.That(report.Feasible, Is.True);
        Assert.That(report.ImpossiblePeople, Is.EqualTo(new[] { 0, 3 }));

        var distribution = new Leximin().Select(pool, 2);
        Assert.That(distribution.PersonProbabilities, Is.EqualTo(new[] { 0.0, 1.0, 1.0, 0.0 }).Within(1e-9));
    }
}
