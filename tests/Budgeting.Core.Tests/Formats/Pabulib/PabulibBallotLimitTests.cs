using Budgeting.Formats.Pabulib;
using static Budgeting.Core.Tests.Formats.Pabulib.PabulibFixtures;

namespace Budgeting.Core.Tests.Formats.Pabulib;

public sealed class PabulibBallotLimitTests
{
    private static readonly PabulibReadOptions Reject = new() { InvalidBallots = InvalidBallotHandling.Reject };

    /// <summary>Projects a (cost 600), b (400), c (300); voter 1 on line 13 gives a 5 points and b 2 points.</summary>
    private static string Scoring(string limit) => Text(["META", "key;value", "budget;1000", "vote_type;cumulative", limit,
        "PROJECTS", "project_id;cost", "a;600", "b;400", "c;300", "VOTES", "voter_id;vote;points", "1;a,b;5,2", "2;c;1"]);

    [TestCase("min_length;3", "min_length", "names 2 projects, fewer than min_length 3")]
    [TestCase("max_length;1", "max_length", "names 2 projects, more than max_length 1")]
    [TestCase("max_sum_cost;999", "max_sum_cost", "costs 1000 in all, more than max_sum_cost 999")]
    [TestCase("min_sum_points;8", "min_sum_points", "gives 7 points in all, fewer than min_sum_points 8")]
    [TestCase("max_sum_points;6", "max_sum_points", "gives 7 points in all, more than max_sum_points 6")]
    [TestCase("min_points;3", "min_points", "gives 2 points to project 'b', fewer than min_points 3")]
    [TestCase("max_points;4", "max_points", "gives 5 points to project 'a', more than max_points 4")]
    public void BallotOutsideALimit_IsRejectedWhenAskedNamingLineAndLimit(string limit, string field, string problem)
    {
        // Voter 1 (line 13) breaks each limit; voter 2 breaks some of them too, but voter 1 comes first.
        var error = ReadError(Scoring(limit), Reject);

        Assert.That(error.Message, Is.EqualTo($"t.pb:13: field '{field}': the ballot of voter '1' {problem}"));
        Assert.That(error.Field, Is.EqualTo(field));
    }

    [Test]
    public void BallotOutsideALimit_IsCountedAndKeptByDefault()
    {
        var file = Read(Scoring("max_length;1"));

        Assert.That(file.OutOfLimitBallots, Is.EqualTo(1));
        Assert.That(file.Profile.VoterCount, Is.EqualTo(2), "the out-of-limit ballot is kept");
        Assert.That(file.Warnings.Select(w => w.ToString()), Is.EqualTo(new[]
        {
            "t.pb:13: field 'max_length': the ballot of voter '1' names 2 projects, more than max_length 1; kept and counted",
        }));
    }

    [Test]
    public void BallotsWithinLimits_RaiseNothing()
    {
        var file = Read(Scoring("max_length;2"), Reject);

        Assert.That(file.OutOfLimitBallots, Is.Zero);
        Assert.That(file.Warnings, Is.Empty);
    }

    [Test]
    public void ManyOutOfLimitBallots_AreCountedExactlyButListedUpToTheCap()
    {
        var voters = Enumerable.Range(1, 7).Select(i => $"{i};a,b");
        var text = Text(Minimal.Take(3).Append("vote_type;approval").Append("max_length;1").Concat(Minimal.Skip(4).Take(6)).Concat(voters));
        var file = Read(text, new PabulibReadOptions { MaxWarningsPerKind = 2 });

        Assert.That(file.OutOfLimitBallots, Is.EqualTo(7));
        Assert.That(file.Warnings.Select(w => w.ToString()), Is.EqualTo(new[]
        {
            "t.pb:12: field 'max_length': the ballot of voter '1' names 2 projects, more than max_length 1; kept and counted",
            "t.pb:13: field 'max_length': the ballot of voter '2' names 2 projects, more than max_length 1; kept and counted",
            "t.pb:0: 7 ballots in all are outside the declared limits (kept and counted); only the first 2 are listed",
        }));
    }

    [Test]
    public void ProjectListedTwiceInABallot_IsCountedOnceWithAWarning()
    {
        // Netherlands_Amsterdam_604 and 21 other files list some project twice in a ballot.
        var file = Read(MinimalWith(11, "1;a,b,a"));

        Assert.That(file.Profile.Projects(0).ToArray(), Is.EqualTo(new[] { 0, 1 }));
        Assert.That(file.BallotsWithRepeatedProjects, Is.EqualTo(1));
        Assert.That(file.Warnings.Select(w => w.ToString()), Is.EqualTo(new[]
        {
            "t.pb:11: field 'vote': voter '1' lists project 'a' more than once; counted once",
        }));
    }

    [Test]
    public void ProjectListedTwiceInAPointsBallot_KeepsTheFirstPoints()
    {
        // Poland_Czestochowa_2020 has "579,579,579,579;1,1,1,1".
        var text = Text(["META", "key;value", "budget;1000", "vote_type;cumulative", "PROJECTS", "project_id;cost", "a;600", "b;400",
            "VOTES", "voter_id;vote;points", "1;b,a,b;4,3,9"]);
        var profile = Read(text).Profile;

        Assert.That(profile.Projects(0).ToArray(), Is.EqualTo(new[] { 0, 1 }));
        Assert.That(profile.Points(0).ToArray(), Is.EqualTo(new[] { 3, 4 }));
    }

    [Test]
    public void RepeatedProjectsInIdenticalBallots_AreCountedPerVoter()
    {
        var file = Read(Text(Minimal.Take(10).Concat(["1;a,a", "2;a,a", "3;b"])));

        Assert.That(file.BallotsWithRepeatedProjects, Is.EqualTo(2));
        Assert.That(file.Warnings.Select(w => w.Line), Is.EqualTo(new[] { 11, 12 }));
    }
}
