using Budgeting.Elections;
using Budgeting.Tallying.Allocation;

namespace Budgeting.Core.Tests.Elections;

public sealed class PaperAllocationBallotReaderTests
{
    // Budget 1000 over three areas; schools must get at least 100, roads at most 600.
    private static readonly AllocationElection Areas = new(["parks", "schools", "roads"], 1000, [0, 100, 0], [1000, 1000, 600]);

    private static (IReadOnlyList<PaperAllocationBallot> Ballots, IReadOnlyList<string> Problems) Read(string csv)
    {
        var (ballots, problems) = PaperAllocationBallotReader.Read(new StringReader(csv), "areas.csv", Areas);
        return (ballots, problems.Select(p => p.ToString()).ToList());
    }

    [Test]
    public void Read_ValidRows_InAnyColumnOrder()
    {
        var (ballots, problems) = Read("person_id,roads,parks,schools\nanna,300,300,400\nbob,0,900,100\n");
        Assert.That(problems, Is.Empty);
        Assert.That(ballots.Select(b => (b.Line, b.Ballot.VoterId, string.Join(" ", b.Ballot.Amounts))),
            Is.EqualTo(new[] { (2, "anna", "300 400 300"), (3, "bob", "900 100 0") }));
    }

    [Test]
    public void Read_InvalidRows_ReportFileLineAndColumn_AndNoBallots()
    {
        // Line 2: schools 50 < floor 100, total 50 + 250 + 600 = 900. Line 3: roads 700 > 600. Line 4: not a number.
        var (ballots, problems) = Read("person_id,parks,schools,roads\nanna,250,50,600\nbob,200,100,700\ncarl,x,500,500\nanna,300,400,300\n");
        Assert.That(ballots, Is.Empty);
        Assert.That(problems, Is.EqualTo(new[]
        {
            "areas.csv:2: column 'schools': Amount 50 is below the area's floor 100.",
            "areas.csv:2: column 'total': The amounts add up to 900, not the budget 1000.",
            "areas.csv:3: column 'roads': Amount 700 is above the area's ceiling 600.",
            "areas.csv:4: column 'parks': 'x' is not a whole amount.",
            "areas.csv:5: column 'person_id': Panelist 'anna' already has a paper ballot on line 2.",
        }));
    }

    [Test]
    public void Read_MissingOrUnknownAreaColumns_AreReportedOnLineOne()
    {
        var (_, problems) = Read("person_id,parks,schools,sea\nanna,1,2,3\n");
        Assert.That(problems, Is.EqualTo(new[]
        {
            "areas.csv:1: column 'roads': The header has no column 'roads'.",
            "areas.csv:1: column 'sea': Unknown column 'sea'; the columns are person_id and the areas parks, schools, roads.",
        }));
    }
}
