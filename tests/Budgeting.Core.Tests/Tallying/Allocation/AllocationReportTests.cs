using Budgeting.Arithmetic;
using Budgeting.Formats.Allocation;
using Budgeting.Tallying.Allocation;
using static Budgeting.Core.Tests.Tallying.Allocation.AllocationFixtures;

namespace Budgeting.Core.Tests.Tallying.Allocation;

public sealed class AllocationReportTests
{
    [Test]
    public void Validate_EveryProblem_IsNamedByField()
    {
        var election = new AllocationElection(["parks", "roads"], 100, floors: [10, 0], ceilings: [100, 80]);
        var problems = AllocationBallotValidator.Validate(election, new AllocationBallot(" ", [-5, 120]));
        Assert.That(problems, Is.EqualTo(new[]
        {
            new AllocationBallotProblem("voter_id", "the voter id is empty"),
            new AllocationBallotProblem("parks", "amount -5 is negative"),
            new AllocationBallotProblem("roads", "amount 120 is above the area's ceiling 80"),
            new AllocationBallotProblem("total", "the amounts add up to 115, not the budget 100"),
        }));
        Assert.That(AllocationBallotValidator.Validate(election, new AllocationBallot("v", [5, 95])).Select(p => p.Message), Is.EqualTo(new[]
        {
            "amount 5 is below the area's floor 10",
            "amount 95 is above the area's ceiling 80",
        }));
        Assert.That(AllocationBallotValidator.Validate(election, new AllocationBallot("v", [30, 70])), Is.Empty);
    }

    // (1/6, 1/3, 1/2) of 7 is 7/6, 7/3, 7/2: floors 1, 2, 3 leave one unit, for the largest remainder 1/2 (the last area).
    // (1/2, 1/2) of 3: floors 1, 1; the remainders tie at 1/2 and the unit goes to the first area.
    [Test]
    public void Round_LargestRemainder_TiesToTheEarlierArea()
    {
        Assert.That(LargestRemainder.Round(Shares("1/6", "1/3", "1/2"), 7), Is.EqualTo(new long[] { 1, 2, 4 }));
        Assert.That(LargestRemainder.Round(Shares("1/2", "1/2"), 3), Is.EqualTo(new long[] { 2, 1 }));
        Assert.That(() => LargestRemainder.Round(Shares("1/2", "1/3"), 6), Throws.ArgumentException);
    }

    // Independent Markets on (60, 40, 0), (20, 80, 0) gives (50, 50, 0) (AllocationRuleTests). Distances: v1 10 + 10 = 20,
    // v2 30 + 30 = 60; the mean (40, 60, 0) is 10 + 10 = 20 away. Parks' proposals sorted 20, 60: nearest-rank lower
    // quartile and median are the 1st (20), the upper quartile the 2nd (60).
    [Test]
    public void Create_TwoPanelists_ReportsDistancesMeanAndSpread()
    {
        var (election, ballots) = Vote(100, [60, 40, 0], [20, 80, 0]);
        var report = AllocationReport.Create(election, ballots, new IndependentMarkets().Allocate(election, ballots));
        Assert.That(report.Distances, Is.EqualTo(new[] { new PanelistDistance("v1", 20), new PanelistDistance("v2", 60) }));
        Assert.That(report.DistanceFromMean, Is.EqualTo((Rational)20));
        Assert.That(report.MeanFractions, Is.EqualTo(Shares("2/5", "3/5", "0")));
        Assert.That(report.Spreads[0], Is.EqualTo(new AreaSpread("a0", 20, 20, 20, 60, 60)));
        Assert.That(report.Warnings, Is.Empty);
    }

    [Test]
    public void Create_OutcomeBelowAFloor_Warns()
    {
        var election = new AllocationElection(["a", "b"], 100, floors: [30, 0]);
        AllocationBallot[] ballots = [new("v1", [30, 70]), new("v2", [40, 60])];
        var outcome = new AllocationOutcome("test", election.Areas, 100, Shares("1/5", "4/5"), [20, 80],
            [new AreaExplanation("a", AreaValueSource.Mean, new Rational(1, 5)), new AreaExplanation("b", AreaValueSource.Mean, new Rational(4, 5))], null, []);
        var report = AllocationReport.Create(election, ballots, outcome);
        Assert.That(report.Warnings, Is.EqualTo(new[] { "Area 'a' gets 20, below its floor 30." }));
    }

    [Test]
    public void ToSvg_SameReport_IsByteIdenticalAndWellFormed()
    {
        var (election, ballots) = Vote(100, [60, 40, 0], [20, 80, 0]);
        var outcome = new PiecewiseUniform().Allocate(election, ballots);
        var first = AllocationChart.ToSvg(AllocationReport.Create(election, ballots, outcome));
        var second = AllocationChart.ToSvg(AllocationReport.Create(election, ballots, new PiecewiseUniform().Allocate(election, ballots)));
        Assert.That(second, Is.EqualTo(first));
        Assert.That(() => System.Xml.Linq.XDocument.Parse(first), Throws.Nothing);
    }

    [Test]
    public void Read_CsvWithQuotesAndSpaces_TrimsNamesAndAmounts()
    {
        var csv = "voter_id,\"parks, north\", roads \n\"v 1\", 60 ,40\n";
        var file = AllocationCsvReader.Read(new StringReader(csv), "votes.csv", 100);
        Assert.That(file.Election.Areas, Is.EqualTo(new[] { "parks, north", "roads" }));
        Assert.That(file.Ballots.Select(b => b.VoterId), Is.EqualTo(new[] { "v 1" }));
        Assert.That(file.Ballots[0].Amounts, Is.EqualTo(new long[] { 60, 40 }));
        Assert.That(file.Lines, Is.EqualTo(new[] { 2 }));
    }

    [Test]
    public void Read_UnclosedQuote_ReportsTheLine()
    {
        var csv = "voter_id,parks,roads\nv1,\"60,40\n";
        Assert.That(() => AllocationCsvReader.Read(new StringReader(csv), "votes.csv", 100),
            Throws.TypeOf<AllocationFormatException>().With.Message.EqualTo("votes.csv:2: a quoted field is never closed."));
    }
}
