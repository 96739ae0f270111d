using Budgeting.Sortition.Selection;

namespace Budgeting.Core.Tests.Sortition;

public class RelaxedLeximinTests
{
    // Four people, k = 2, one of each gender and one of each age: the valid panels are {f-young, m-old} and {f-old, m-young}.
    private const string SquareCategories = "feature,value,min,max\ngender,f,1,1\ngender,m,1,1\nage,young,1,1\nage,old,1,1\n";
    private const string SquarePeople = "gender,age\nf,young\nf,old\nm,young\nm,old\n";

    // A, B, C pairwise clash on a quota (at most one x per feature); D clashes with nobody. Every valid panel of two holds
    // D, so LEXIMIN gives D 1 and A, B, C 1/3 each; the LP relaxation instead allows everyone 1/2.
    private const string CycleCategories = "feature,value,min,max\nf1,x,0,1\nf1,y,0,2\nf2,x,0,1\nf2,y,0,2\nf3,x,0,1\nf3,y,0,2\n";
    private const string CyclePeople = "f1,f2,f3\nx,y,x\nx,x,y\ny,x,x\ny,y,y\n";

    private const string TwoLevelCategories = "feature,value,min,max\ng,a,0,2\ng,b,0,1\ng,c,0,2\n";
    private const string TwoLevelPeople = "g\na\nb\nb\nb\nb\nc\nc\n";

    [Test]
    public void Solve_Square_GivesEveryoneHalf()
    {
        var types = PersonTypes.Build(SortitionTestData.FromText(SquarePeople, SquareCategories, 2));
        var point = RelaxedLeximin.Solve(types, 2, new HashSet<int>(), null);
        Assert.That(point, Is.EqualTo(new[] { 0.5, 0.5, 0.5, 0.5 }).Within(1e-9));
    }

    [Test]
    public void Solve_TwoLevels_RaisesTheTypesNotHeldAtTheFirstLevel()
    {
        // A (1 person), B (4 people, at most 1 on the panel), C (2 people), k = 2. B is held at 1/4; A and C share the
        // remaining seat, and LEXIMIN raises them together to 1/3 each (y = 1/3, 1, 2/3), not to any split above 1/4.
        var types = PersonTypes.Build(SortitionTestData.FromText(TwoLevelPeople, TwoLevelCategories, 2));
        var point = RelaxedLeximin.Solve(types, 2, new HashSet<int>(), null);
        Assert.That(point, Is.EqualTo(new[] { 1.0 / 3, 1.0, 2.0 / 3 }).Within(1e-8));
    }

    [Test]
    public void Leximin_TwoLevels_GivesTheSecondLevelToTheTypesThatCanRise()
    {
        var pool = SortitionTestData.FromText(TwoLevelPeople, TwoLevelCategories, 2);
        var distribution = new Leximin().Select(pool, 2);
        Assert.That(distribution.PersonProbabilities, Is.EqualTo(new[] { 1.0 / 3, 0.25, 0.25, 0.25, 0.25, 1.0 / 3, 1.0 / 3 }).Within(1e-8));
        LeximinTests.AssertValid(pool, 2, distribution);
    }

    [Test]
    public void Decompose_Square_WalksToTheTwoValidPanelsAndEndsAtAnIntegerPoint()
    {
        var types = PersonTypes.Build(SortitionTestData.FromText(SquarePeople, SquareCategories, 2));
        using var walk = FaceDecomposition.Create(types, 2);
        Assert.That(walk, Is.Not.Null, "SCIP ships with Google.OrTools");
        var panels = new List<int[]>();
        var left = walk!.Decompose([0.5, 0.5, 0.5, 0.5], panels, null);
        Assert.That(left, Is.Zero);
        Assert.That(panels.Select(p => string.Join(',', p)).Order(), Is.EqualTo(new[] { "0,1,1,0", "1,0,0,1" }));
    }

    [Test]
    public void Solve_OddCycle_RelaxationIsOnlyAnUpperBound()
    {
        var types = PersonTypes.Build(SortitionTestData.FromText(CyclePeople, CycleCategories, 2));
        var point = RelaxedLeximin.Solve(types, 2, new HashSet<int>(), null);
        Assert.That(point, Is.EqualTo(new[] { 0.5, 0.5, 0.5, 0.5 }).Within(1e-9));

        // Every quota x is tight at this point, and no integer panel meets all three with equality: the walk stops at once.
        using var walk = FaceDecomposition.Create(types, 2);
        var panels = new List<int[]>();
        Assert.That(walk!.Decompose(point!, panels, null), Is.EqualTo(1.0));
        Assert.That(panels, Is.Empty);
    }

    [Test]
    public void TargetDecomposition_Square_ReachesTheRelaxedOptimumFromOnePanel()
    {
        // Starting from one of the two valid panels, pricing must find the other; then each has weight 1/2.
        var types = PersonTypes.Build(SortitionTestData.FromText(SquarePeople, SquareCategories, 2));
        using var pricing = new PricingProblem(types, 2);
        using var target = new TargetDecomposition(types, [0.5, 0.5, 0.5, 0.5], [[1, 0, 0, 1]]);
        var (weights, deviation, _) = target.Run(pricing, new SwapSearch(types, 2), null);
        Assert.That(deviation, Is.LessThanOrEqualTo(TargetDecomposition.MaxDeviation));
        Assert.That(target.Panels.Select(p => string.Join(',', p)), Is.EqualTo(new[] { "1,0,0,1", "0,1,1,0" }));
        Assert.That(weights, Is.EqualTo(new[] { 0.5, 0.5 }).Within(1e-9));
    }

    [Test]
    public void TargetDecomposition_OddCycle_ProvesTheRelaxedOptimumOutOfReach()
    {
        // Every valid panel holds D (type 3), so no distribution gives D only 1/2: the packing LP stops below 1.
        var types = PersonTypes.Build(SortitionTestData.FromText(CyclePeople, CycleCategories, 2));
        using var pricing = new PricingProblem(types, 2);
        using var target = new TargetDecomposition(types, [0.5, 0.5, 0.5, 0.5], [[1, 0, 0, 1]]);
        var (weights, deviation, cut) = target.Run(pricing, new SwapSearch(types, 2), null);
        Assert.That(deviation, Is.GreaterThan(0.1));
        Assert.That(weights.Sum(), Is.EqualTo(0.5).Within(1e-9));

        // The proof is a cut every panel meets and the target violates; with it the relaxation gives D 1 and the others 1/3.
        Assert.That(cut, Is.Not.Null);
        var (w, rhs) = cut!.Value;
        Assert.That(w.Zip(new[] { 0.5, 0.5, 0.5, 0.5 }).Sum(p => p.First * p.Second), Is.LessThan(rhs));
        Assert.That(RelaxedLeximin.Solve(types, 2, new HashSet<int>(), null, [(w, rhs)]), Is.EqualTo(new[] { 1.0 / 3, 1.0 / 3, 1.0 / 3, 1.0 }).Within(1e-8));
    }

    [TestCase(20, TestName = "Leximin_OddCycle_CutsTheRelaxationAndIsExact")]
    [TestCase(0, TestName = "Leximin_OddCycle_WithoutCutsFallsBackToColumnGenerationAndIsExact")]
    public void Leximin_OddCycle_IsExact(int cutRounds)
    {
        var pool = SortitionTestData.FromText(CyclePeople, CycleCategories, 2);
        var distribution = new Leximin { CutRounds = cutRounds }.Select(pool, 2);
        // Levels are fixed 1e-9 below the value found (numerical safety), so later levels may move them by a few 1e-9.
        Assert.That(distribution.PersonProbabilities, Is.EqualTo(new[] { 1.0 / 3, 1.0 / 3, 1.0 / 3, 1.0 }).Within(1e-8));
        LeximinTests.AssertValid(pool, 2, distribution);
    }
}
