using Budgeting.Elections;

namespace Budgeting.Core.Tests.Elections;

public sealed class PaperBallotReaderTests
{
    private static Election City(BallotKind kind, BallotLimits? limits = null) => new(
        [new Project("p1", 400), new Project("p2", 700), new Project("p3", 300)], 1000, kind, limits);

    private static (IReadOnlyList<PaperBallot> Ballots, IReadOnlyList<string> Problems) Read(string csv, Election election)
    {
        var (ballots, problems) = PaperBallotReader.Read(new StringReader(csv), "paper.csv", election);
        return (ballots, problems.Select(p => p.ToString()).ToList());
    }

    [Test]
    public void Read_KnapsackBallots_WithEitherListSeparator()
    {
        var (ballots, problems) = Read("person_id,projects\nanna,p1;p3\nbob,\"p2\"\ncarl,\n", City(BallotKind.Approval, new BallotLimits(MaxSumCost: 1000)));
        Assert.That(problems, Is.Empty);
        Assert.That(ballots.Select(b => (b.Line, b.PersonId, string.Join(" ", b.Ballot.Projects))),
            Is.EqualTo(new[] { (2, "anna", "p1 p3"), (3, "bob", "p2"), (4, "carl", "") }));

        var (quoted, _) = Read("person_id,projects\nanna,\"p1, p3\"\n", City(BallotKind.Approval));
        Assert.That(quoted.Single().Ballot.Projects, Is.EqualTo(new[] { "p1", "p3" }));
    }

    [Test]
    public void Read_CumulativeBallots_ParallelPoints()
    {
        var (ballots, problems) = Read("person_id,projects,points\nanna,p1;p3,6;4\n", City(BallotKind.Cumulative, new BallotLimits(MaxSumPoints: 10)));
        Assert.That(problems, Is.Empty);
        Assert.That(ballots.Single().Ballot.Points, Is.EqualTo(new long[] { 6, 4 }));
    }

    [Test]
    public void Read_InvalidRows_ReportEveryProblemWithFileLineAndColumn_AndNoBallots()
    {
        const string csv = "person_id,projects\nanna,p1;p2\nbob,p9\nanna,p3\n,p3\n";
        var (ballots, problems) = Read(csv, City(BallotKind.Approval, new BallotLimits(MaxSumCost: 1000)));
        Assert.That(ballots, Is.Empty);
        Assert.That(problems, Is.EqualTo(new[]
        {
            "paper.csv:2: column 'projects': The projects chosen cost 1100 in all, more than the 1000 a ballot may spend.",
            "paper.csv:3: column 'projects': There is no project 'p9' on this ballot.",
            "paper.csv:4: column 'person_id': Panelist 'anna' already has a paper ballot on line 2.",
            "paper.csv:5: column 'person_id': The panelist id is empty.",
        }));
    }

    [Test]
    public void Read_BadPoints_AreReported()
    {
        var (_, problems) = Read("person_id,projects,points\nanna,p1;p3,6;x\n", City(BallotKind.Cumulative));
        Assert.That(problems, Is.EqualTo(new[] { "paper.csv:2: column 'points': 'x' is not a whole number of points." }));
    }

    [Test]
    public void Read_WrongHeader_IsReportedOnLineOne()
    {
        var (_, missing) = Read("voter,projects\nanna,p1\n", City(BallotKind.Approval));
        Assert.That(missing, Is.EqualTo(new[]
        {
            "paper.csv:1: column 'person_id': The header has no column 'person_id'.",
            "paper.csv:1: column 'voter': Unknown column 'voter'; the columns are person_id, projects.",
        }));

        var (_, points) = Read("person_id,projects,points\nanna,p1,1\n", City(BallotKind.Approval));
        Assert.That(points, Is.EqualTo(new[] { "paper.csv:1: column 'points': approval ballots give no points; remove the points column." }));

        var (_, noPoints) = Read("person_id,projects\nanna,p1\n", City(BallotKind.Scoring));
        Assert.That(noPoints, Is.EqualTo(new[] { "paper.csv:1: column 'points': The header has no column 'points'." }));
    }

    [Test]
    public void Read_RowWithTheWrongNumberOfFields_IsReported()
    {
        var (_, problems) = Read("person_id,projects\nanna,p1,p2\n", City(BallotKind.Approval));
        Assert.That(problems, Is.EqualTo(new[] { "paper.csv:2: column 'person_id': The row has 3 fields; the header has 2." }));
    }

    [Test]
    public void Read_EmptyFile_IsReported()
    {
        var (_, problems) = Read("", City(BallotKind.Approval));
        Assert.That(problems, Is.EqualTo(new[] { "paper.csv:0: column 'person_id': The file is empty; it needs a header line naming person_id and projects." }));
    }
}
