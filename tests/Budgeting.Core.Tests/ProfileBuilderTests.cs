using Budgeting.Elections;

namespace Budgeting.Core.Tests;

public sealed class ProfileBuilderTests
{
    [Test]
    public void Add_SameSetInAnotherOrder_MergesIntoOneBallot()
    {
        var builder = new ProfileBuilder(projectCount: 4);
        builder.Add([2, 0]);
        builder.Add([0, 2]);
        builder.Add([1]);
        var profile = builder.Build();

        Assert.That(profile.BallotCount, Is.EqualTo(2));
        Assert.That(profile.VoterCount, Is.EqualTo(3));
        Assert.That(profile.Projects(0).ToArray(), Is.EqualTo(new[] { 0, 2 }));
        Assert.That(profile.Multiplicity(0), Is.EqualTo(2));
    }

    [Test]
    public void Add_RankedBallots_KeepTheirOrder()
    {
        var builder = new ProfileBuilder(projectCount: 3, ranked: true);
        builder.Add([2, 0]);
        builder.Add([0, 2]);
        var profile = builder.Build();

        Assert.That(profile.BallotCount, Is.EqualTo(2));
        Assert.That(profile.Projects(0).ToArray(), Is.EqualTo(new[] { 2, 0 }));
    }

    [Test]
    public void Add_PointsDiffer_KeepsBallotsApart()
    {
        var builder = new ProfileBuilder(projectCount: 3, withPoints: true);
        builder.Add([1, 0], [5, 3]);
        builder.Add([0, 1], [3, 5]);
        builder.Add([0, 1], [5, 3]);
        var profile = builder.Build();

        Assert.That(profile.BallotCount, Is.EqualTo(2));
        Assert.That(profile.Points(0).ToArray(), Is.EqualTo(new[] { 3, 5 }));
        Assert.That(profile.Multiplicity(0), Is.EqualTo(2));
    }

    [Test]
    public void Add_RepeatedProject_Throws()
    {
        var builder = new ProfileBuilder(projectCount: 3);
        Assert.Throws<ArgumentException>(() => builder.Add([1, 1]));
    }

    [Test]
    public void Add_ManyDistinctBallots_SurvivesGrowth()
    {
        var builder = new ProfileBuilder(projectCount: 100);
        for (var round = 0; round < 2; round++)
        {
            for (var a = 0; a < 100; a++)
            {
                for (var b = a + 1; b < 100; b++)
                {
                    builder.Add([a, b]);
                }
            }
        }

        var profile = builder.Build();
        Assert.That(profile.BallotCount, Is.EqualTo(100 * 99 / 2));
        Assert.That(profile.VoterCount, Is.EqualTo(100 * 99));
        Assert.That(Enumerable.Range(0, profile.BallotCount).All(b => profile.Multiplicity(b) == 2), Is.True);
    }
}
