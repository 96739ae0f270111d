using Budgeting.Elections;
using Budgeting.Formats.Pabulib;
using static Budgeting.Core.Tests.Formats.Pabulib.PabulibFixtures;

namespace Budgeting.Core.Tests.Formats.Pabulib;

public sealed class PabulibWriterTests
{
    [Test]
    public void Write_RichFixture_WritesEverySectionAndQuotesWhereNeeded()
    {
        var text = PabulibWriter.WriteToString(Read(Rich));

        // Approval ballots are written in project order; "none" values are written empty.
        Assert.That(text, Is.EqualTo(""""
            META
            key;value
            description;Test election
            country;Nowhere
            num_projects;3
            num_votes;4
            budget;1000
            vote_type;approval
            rule;greedy
            max_length;2
            min_project_score_threshold;2
            PROJECTS
            project_id;cost;votes;name;category;selected
            a;600;3;Park;nature;1
            b;400;2;"Library; ""new""";culture,education;1
            c;300;1;;;0
            VOTES
            voter_id;vote;age;sex
            1;a,b;30;F
            2;a,b;45;M
            3;a;;F
            4;c;22;M

            """".Replace("\r\n", "\n", StringComparison.Ordinal)));
    }

    [Test]
    public void Write_TextThatWouldReadDifferently_IsQuoted()
    {
        var file = Read(Rich);
        var projects = file.Election.Projects.ToArray();
        projects[0] = projects[0] with { Name = "none" };
        projects[1] = projects[1] with { Name = " padded " };
        projects[2] = projects[2] with { Name = "VOTES" };
        var changed = file with { Election = new Election(projects, 1000, BallotKind.Approval, new BallotLimits(MaxLength: 2), "greedy", 2) };

        var text = PabulibWriter.WriteToString(changed);

        Assert.That(text, Does.Contain("a;600;3;\"none\";nature;1\n"));
        Assert.That(text, Does.Contain("b;400;2;\" padded \";"));
        Assert.That(text, Does.Contain("c;300;1;VOTES;;0\n"), "a section name among other fields needs no quotes");
        Assert.That(Read(text).Election.Projects.Select(p => p.Name), Is.EqualTo(new[] { "none", " padded ", "VOTES" }));
    }

    [Test]
    public void Write_RowThatWouldReadAsASectionName_IsQuoted()
    {
        var text = PabulibWriter.WriteToString(Read(Text(Minimal.Take(4).Append("votes;none").Concat(Minimal.Skip(4)))));

        Assert.That(text, Does.Contain("\n\"votes\";none\n"));
        Assert.That(Read(text).MetaValue("votes"), Is.Null);
        Assert.That(Read(text).Meta, Has.Count.EqualTo(3));
    }

    [Test]
    public void Write_SelectedOverride_ReplacesTheOfficialOutcome()
    {
        var text = PabulibWriter.WriteToString(Read(Rich), selected: [2]);
        var back = Read(text);

        Assert.That(back.Selected, Is.EqualTo(new int?[] { 0, 0, 1 }));
    }

    [Test]
    public void Write_SelectedOverride_AddsTheColumnWhenAbsent()
    {
        var text = PabulibWriter.WriteToString(Read(Text(Minimal)), selected: [0]);

        Assert.That(text, Does.Contain("project_id;cost;selected\na;600;1\nb;400;0\n"));
    }

    [Test]
    public void Write_SelectedIndexOutOfRange_Throws()
    {
        Assert.Throws<ArgumentException>(() => PabulibWriter.WriteToString(Read(Rich), selected: [3]));
    }

    [Test]
    public void Write_ChangedElection_RewritesTheMetaKeysItDefines()
    {
        var file = Read(Rich);
        var e = file.Election;
        var changed = file with { Election = new Election(e.Projects, 900, BallotKind.ChooseOne, new BallotLimits(MinLength: 1), "equalshares", null) };

        var back = Read(PabulibWriter.WriteToString(changed));

        Assert.That(back.Election.Budget, Is.EqualTo(900));
        Assert.That(back.Election.BallotKind, Is.EqualTo(BallotKind.ChooseOne));
        Assert.That(back.Election.Limits, Is.EqualTo(new BallotLimits(MinLength: 1)));
        Assert.That(back.Election.Rule, Is.EqualTo("equalshares"));
        Assert.That(back.Election.ScoreThreshold, Is.Null);
        Assert.That(back.MetaValue("description"), Is.EqualTo("Test election"));
    }

    [Test]
    public void Write_FractionalBudgetUnchanged_KeepsItsOriginalText()
    {
        var text = PabulibWriter.WriteToString(Read(MinimalWith(3, "budget;1000.75")));

        Assert.That(text, Does.Contain("budget;1000.75\n"));
    }

    [Test]
    public void RoundTrip_RichFixture_GivesTheSameElection()
    {
        var file = Read(Rich);
        var back = Read(PabulibWriter.WriteToString(file));

        Assert.That(back.FindDifference(file), Is.Null);
        Assert.That(back.Voters!.Value(2, "age"), Is.Null);
    }

    [Test]
    public void RoundTrip_PointsAndRanks_AreKept()
    {
        var cumulative = Text(["META", "key;value", "budget;1000", "vote_type;cumulative", "max_sum_points;10", "PROJECTS", "project_id;cost",
            "a;600", "b;400", "VOTES", "voter_id;vote;points;district", "v1;b,a;7,3;north", "v2;a;10;\"none\""]);
        var ordinal = MinimalWith(4, "vote_type;ordinal").Replace("1;a,b", "1;b,a", StringComparison.Ordinal);

        foreach (var text in new[] { cumulative, ordinal })
        {
            var file = Read(text);
            Assert.That(Read(PabulibWriter.WriteToString(file)).FindDifference(file), Is.Null);
        }
    }

    [Test]
    public void RoundTrip_WithoutVoters_WritesOneRowPerProfileVoter()
    {
        var file = Read(Rich, new PabulibReadOptions { KeepVoters = false });
        var text = PabulibWriter.WriteToString(file);
        var back = Read(text);

        Assert.That(text, Does.EndWith("VOTES\nvoter_id;vote\n1;a,b\n2;a,b\n3;a\n4;c\n"));
        Assert.That(back.FindDifference(file), Is.Null);
    }

    [Test]
    public void FindDifference_ReportsAChangedBudgetAndAChangedBallot()
    {
        var file = Read(Rich);
        var e = file.Election;
        var otherBudget = file with { Election = new Election(e.Projects, 999, e.BallotKind, e.Limits, e.Rule, e.ScoreThreshold) };
        var otherBallot = Read(Rich.Replace("4;c;22;M", "4;b;22;M", StringComparison.Ordinal));

        Assert.That(file.FindDifference(otherBudget), Is.EqualTo("budget 1000 vs 999"));
        Assert.That(file.FindDifference(otherBallot), Does.StartWith("ballot [1|]"));
        Assert.That(file.StructurallyEquals(otherBallot), Is.False);
    }

    [Test]
    public void FromElection_WritesAFileThatReadsBackAsTheSameElection()
    {
        var election = new Election([new Project("p1", 500, "First"), new Project("p2", 700)], 1000, BallotKind.Cumulative, new BallotLimits(MaxSumPoints: 10), "greedy");
        var builder = new ProfileBuilder(2, withPoints: true);
        builder.Add([0, 1], [4, 6], multiplicity: 2);
        builder.Add([1], [10]);
        var file = PabulibFile.FromElection(election, builder.Build(), [new("Description", "generated")]);

        var text = PabulibWriter.WriteToString(file);
        var back = Read(text);

        Assert.That(text, Does.StartWith("META\nkey;value\ndescription;generated\nbudget;1000\nvote_type;cumulative\nrule;greedy\nmax_sum_points;10\nPROJECTS\nproject_id;cost;name\np1;500;First\np2;700;\nVOTES\nvoter_id;vote;points\n1;p1,p2;4,6\n2;p1,p2;4,6\n3;p2;10\n"));
        Assert.That(back.Election.Projects, Is.EqualTo(election.Projects));
        Assert.That((back.Election.Budget, back.Election.BallotKind, back.Election.Limits, back.Election.Rule), Is.EqualTo((1000L, BallotKind.Cumulative, new BallotLimits(MaxSumPoints: 10), "greedy")));
        Assert.That(back.Profile.VoterCount, Is.EqualTo(3));
        Assert.That(back.Profile.Points(0).ToArray(), Is.EqualTo(new[] { 4, 6 }));
    }

    [Test]
    public void Write_ToGzipPath_CanBeReadBack()
    {
        var folder = Directory.CreateTempSubdirectory("pabulib-test-");
        try
        {
            var path = Path.Combine(folder.FullName, "out.pb.gz");
            var file = Read(Rich);
            PabulibWriter.Write(file, path);

            Assert.That(PabulibReader.Read(path).FindDifference(file), Is.Null);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
