using Budgeting.Elections;

namespace Budgeting.Core.Tests.Elections;

public sealed class BallotValidatorTests
{
    // Three projects costing 400, 700 and 300.
    private static Election City(BallotKind kind, BallotLimits? limits = null) => new(
        [new Project("p1", 400), new Project("p2", 700), new Project("p3", 300)], 1000, kind, limits);

    private static IReadOnlyList<BallotProblem> Check(Election election, CastBallot ballot) => BallotValidator.Validate(election, ballot);

    [Test]
    public void Validate_KnapsackWithinTheCap_IsValid()
    {
        // 400 + 300 = 700 <= 1000.
        var problems = Check(City(BallotKind.Approval, new BallotLimits(MaxSumCost: 1000)), new CastBallot(["p1", "p3"]));
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void Validate_KnapsackOverTheCap_NamesTheCostAndTheCap()
    {
        // 400 + 700 = 1100 > 1000.
        var problems = Check(City(BallotKind.Approval, new BallotLimits(MaxSumCost: 1000)), new CastBallot(["p1", "p2"]));
        Assert.That(problems, Is.EqualTo(new[]
        {
            new BallotProblem("projects", "The projects chosen cost 1100 in all, more than the 1000 a ballot may spend."),
        }));
    }

    [Test]
    public void Validate_UnknownAndRepeatedProjects_AreReportedPerEntry()
    {
        var problems = Check(City(BallotKind.Approval), new CastBallot(["p1", "p9", "p1"]));
        Assert.That(problems, Is.EqualTo(new[]
        {
            new BallotProblem("projects[1]", "There is no project 'p9' on this ballot."),
            new BallotProblem("projects[2]", "Project 'p1' is named twice."),
        }));
    }

    [Test]
    public void Validate_TooFewAndTooManyProjects_AreReported()
    {
        var limits = new BallotLimits(MinLength: 2, MaxLength: 2);
        Assert.That(Check(City(BallotKind.Approval, limits), new CastBallot(["p1"])),
            Is.EqualTo(new[] { new BallotProblem("projects", "The ballot names 1 project; it must name at least 2.") }));
        Assert.That(Check(City(BallotKind.Approval, limits), new CastBallot(["p1", "p2", "p3"])),
            Is.EqualTo(new[] { new BallotProblem("projects", "The ballot names 3 projects; it may name at most 2.") }));
    }

    [Test]
    public void Validate_ChooseOne_NamesExactlyOneProject()
    {
        Assert.That(Check(City(BallotKind.ChooseOne), new CastBallot(["p2"])), Is.Empty);
        Assert.That(Check(City(BallotKind.ChooseOne), new CastBallot(["p1", "p2"])),
            Is.EqualTo(new[] { new BallotProblem("projects", "A choose-1 ballot names exactly one project; this one names 2 projects.") }));
    }

    [Test]
    public void Validate_ApprovalWithPoints_IsRefused()
    {
        Assert.That(Check(City(BallotKind.Approval), new CastBallot(["p1"], [3])),
            Is.EqualTo(new[] { new BallotProblem("points", "An approval ballot gives no points; leave the points out.") }));
    }

    [Test]
    public void Validate_CumulativeWithinItsPoints_IsValid()
    {
        // 6 + 4 = 10 points, each between 1 and 6.
        var limits = new BallotLimits(MinSumPoints: 10, MaxSumPoints: 10, MinPoints: 1, MaxPoints: 6);
        Assert.That(Check(City(BallotKind.Cumulative, limits), new CastBallot(["p1", "p3"], [6, 4])), Is.Empty);
    }

    [Test]
    public void Validate_CumulativeBreakingPointLimits_ReportsEachEntryAndTheTotal()
    {
        // p1 gets 7 > 6; p3 gets 0 < 1; total 7 < 10.
        var limits = new BallotLimits(MinSumPoints: 10, MaxSumPoints: 10, MinPoints: 1, MaxPoints: 6);
        var problems = Check(City(BallotKind.Cumulative, limits), new CastBallot(["p1", "p3"], [7, 0]));
        Assert.That(problems, Is.EqualTo(new[]
        {
            new BallotProblem("points[0]", "Project 'p1' gets 7 points; a project may get at most 6."),
            new BallotProblem("points[1]", "Project 'p3' gets 0 points; each project named must get at least 1."),
            new BallotProblem("points", "The ballot gives 7 points in all; it must give at least 10."),
        }));
    }

    [Test]
    public void Validate_CumulativeOverTheTotal_IsReported()
    {
        var problems = Check(City(BallotKind.Cumulative, new BallotLimits(MaxSumPoints: 10)), new CastBallot(["p1", "p2"], [6, 5]));
        Assert.That(problems, Is.EqualTo(new[] { new BallotProblem("points", "The ballot gives 11 points in all; it may give at most 10.") }));
    }

    [Test]
    public void Validate_ScoringWithoutPointsOrWithTheWrongCount_IsRefused()
    {
        Assert.That(Check(City(BallotKind.Scoring), new CastBallot(["p1"])),
            Is.EqualTo(new[] { new BallotProblem("points", "A scoring ballot gives points to each project it names; the points are missing.") }));
        Assert.That(Check(City(BallotKind.Scoring), new CastBallot(["p1", "p2"], [1])),
            Is.EqualTo(new[] { new BallotProblem("points", "Points are given for 1 project, but the ballot names 2 projects; give one number per project.") }));
    }

    [Test]
    public void Validate_NegativeOrHugePoints_AreRefused()
    {
        var problems = Check(City(BallotKind.Scoring), new CastBallot(["p1", "p2"], [-1, 3_000_000_000]));
        Assert.That(problems, Is.EqualTo(new[]
        {
            new BallotProblem("points[0]", "Project 'p1' gets -1 points; points cannot be negative."),
            new BallotProblem("points[1]", "Project 'p2' gets 3000000000 points, more than 2147483647."),
        }));
    }

    [Test]
    public void Validate_OrdinalRankingWithoutPoints_IsValid()
    {
        Assert.That(Check(City(BallotKind.Ordinal, new BallotLimits(MaxLength: 3)), new CastBallot(["p3", "p1", "p2"])), Is.Empty);
    }

    [Test]
    public void Validate_MissingProjectList_IsRefused()
    {
        Assert.That(Check(City(BallotKind.Approval), new CastBallot(null!)),
            Is.EqualTo(new[] { new BallotProblem("projects", "The ballot must list the projects it names (an empty list names none).") }));
    }

    [Test]
    public void Validate_EmptyApprovalBallotWithoutLimits_IsValid()
    {
        Assert.That(Check(City(BallotKind.Approval), new CastBallot([])), Is.Empty);
    }
}
