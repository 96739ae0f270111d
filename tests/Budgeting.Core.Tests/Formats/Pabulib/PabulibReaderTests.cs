using System.IO.Compression;
using System.Text;
using Budgeting.Elections;
using Budgeting.Formats.Pabulib;
using static Budgeting.Core.Tests.Formats.Pabulib.PabulibFixtures;

namespace Budgeting.Core.Tests.Formats.Pabulib;

public sealed class PabulibReaderTests
{
    [Test]
    public void Read_RichFixture_MapsMetaProjectsAndVotes()
    {
        var file = Read(Rich);
        var e = file.Election;

        Assert.That(e.Budget, Is.EqualTo(1000));
        Assert.That(e.BallotKind, Is.EqualTo(BallotKind.Approval));
        Assert.That(e.Rule, Is.EqualTo("greedy"));
        Assert.That(e.Limits, Is.EqualTo(new BallotLimits(MaxLength: 2)));
        Assert.That(e.ScoreThreshold, Is.EqualTo(2));
        Assert.That(e.Projects, Is.EqualTo(new[]
        {
            new Project("a", 600, "Park", "nature"),
            new Project("b", 400, "Library; \"new\"", "culture,education"),
            new Project("c", 300), // name and category are "none"
        }));
        Assert.That(file.Selected, Is.EqualTo(new int?[] { 1, 1, 0 }));
        Assert.That(file.ProjectValue(0, "votes"), Is.EqualTo("3"));
        Assert.That(file.MetaValue("DESCRIPTION"), Is.EqualTo("Test election"));
        Assert.That(file.MetaValue("comment"), Is.Null);
        Assert.That(file.Meta[0], Is.EqualTo(new KeyValuePair<string, string>("description", "Test election")));
        Assert.That(file.Warnings, Is.Empty);
    }

    [Test]
    public void Read_RichFixture_MergesBallotsAndKeepsVoters()
    {
        var file = Read(Rich);
        var profile = file.Profile;

        // Voters 1 and 2 both approve {a, b} (in different orders), voter 3 {a}, voter 4 {c}.
        Assert.That(profile.VoterCount, Is.EqualTo(4));
        Assert.That(profile.BallotCount, Is.EqualTo(3));
        Assert.That(profile.Projects(0).ToArray(), Is.EqualTo(new[] { 0, 1 }));
        Assert.That(profile.Multiplicity(0), Is.EqualTo(2));

        var voters = file.Voters!;
        Assert.That(voters.Count, Is.EqualTo(4));
        Assert.That(voters.Columns, Is.EqualTo(new[] { "voter_id", "vote", "age", "sex" }));
        Assert.That(Enumerable.Range(0, 4).Select(voters.Id), Is.EqualTo(new[] { "1", "2", "3", "4" }));
        Assert.That(voters.Ballot(1), Is.EqualTo(0));
        Assert.That(voters.Ballot(3), Is.EqualTo(2));
        Assert.That(voters.Value(1, "age"), Is.EqualTo("45"));
        Assert.That(voters.Value(2, "age"), Is.Null);
        Assert.That(voters.Value(3, "SEX"), Is.EqualTo("M"));
    }

    [Test]
    public void Read_WithoutKeepingVoters_HasTheSameProfileAndNoVoters()
    {
        var file = Read(Rich, new PabulibReadOptions { KeepVoters = false });

        Assert.That(file.Voters, Is.Null);
        Assert.That(file.Profile.VoterCount, Is.EqualTo(4));
        Assert.That(file.StructurallyEquals(Read(Rich)), Is.True);
    }

    [Test]
    public void Read_ARecurringBallotWithARepeat_CountsEachVoterOnce()
    {
        // Regression: a ballot text flagged for a repeated project was parsed and counted again each time it recurred,
        // on top of its tally, so these three voters came out as five.
        var text = string.Join('\n', Minimal.Take(10).Concat(["1;a,a", "2;a,a", "3;a,a", "4;b"]));
        foreach (var keepVoters in new[] { false, true })
        {
            var file = PabulibReader.ReadText(text, "repeats.pb", new PabulibReadOptions { KeepVoters = keepVoters });
            Assert.That(file.Profile.VoterCount, Is.EqualTo(4));
            Assert.That(file.Profile.BallotCount, Is.EqualTo(2));
            Assert.That((file.Profile.Multiplicity(0), file.Profile.Multiplicity(1)), Is.EqualTo((3L, 1L)));
            Assert.That(file.BallotsWithRepeatedProjects, Is.EqualTo(3));
        }
    }

    [Test]
    public void Read_OrdinalBallots_KeepRankOrder()
    {
        var text = MinimalWith(4, "vote_type;ordinal").Replace("1;a,b", "1;b,a", StringComparison.Ordinal);
        var profile = Read(text).Profile;

        Assert.That(profile.Projects(0).ToArray(), Is.EqualTo(new[] { 1, 0 }));
    }

    [Test]
    public void Read_CumulativeBallots_CarryPointsParallelToProjects()
    {
        var text = Text(["META", "key;value", "budget;1000", "vote_type;cumulative", "PROJECTS", "project_id;cost", "a;600", "b;400",
            "VOTES", "voter_id;vote;points", "1;b,a;7,3", "2;a,b;3,7"]);
        var profile = Read(text).Profile;

        // Unranked ballots are sorted by project index, points follow: a=3, b=7 for both voters.
        Assert.That(profile.BallotCount, Is.EqualTo(1));
        Assert.That(profile.Projects(0).ToArray(), Is.EqualTo(new[] { 0, 1 }));
        Assert.That(profile.Points(0).ToArray(), Is.EqualTo(new[] { 3, 7 }));
        Assert.That(profile.Multiplicity(0), Is.EqualTo(2));
    }

    [Test]
    public void Read_ChooseOne_IsMapped()
    {
        Assert.That(Read(MinimalWith(4, "vote_type;choose-1").Replace("1;a,b", "1;a", StringComparison.Ordinal)).Election.BallotKind, Is.EqualTo(BallotKind.ChooseOne));
    }

    [Test]
    public void Read_AllLimitKeys_AreMapped()
    {
        var text = Text(["META", "key;value", "budget;1000", "vote_type;scoring", "min_length;1", "max_length;2", "max_sum_cost;900",
            "min_sum_points;1", "max_sum_points;10", "min_points;0", "max_points;5", "PROJECTS", "project_id;cost", "a;600", "b;300",
            "VOTES", "voter_id;vote;points", "1;a,b;5,5"]);

        Assert.That(Read(text).Election.Limits, Is.EqualTo(new BallotLimits(1, 2, 900, 1, 10, 0, 5)));
    }

    [Test]
    public void Read_CaseBlankLinesBomCrlfTrailingSeparatorsAndSpaces_AreTolerated()
    {
        var text = "\uFEFF" + string.Join("\r\n",
            "meta", "Key;Value", "", " BUDGET ; 1000 ", "Vote_Type;approval;", "  ", "Projects;", "Project_ID;COST;", "a;600;", " b ; 400 ",
            "", "votes", "VOTER_ID;Vote", "1; a , b ;", "2;b", "");
        var file = Read(text);

        Assert.That(file.StructurallyEquals(Read(Text(Minimal))), Is.True, file.FindDifference(Read(Text(Minimal))));
        Assert.That(file.Warnings, Is.Empty);
    }

    [Test]
    public void Read_LongVoterLinesWithSpacesQuotesAndCrlf_ReadLikeTheirPlainForm()
    {
        // Lines of 32 bytes or more are split while their end is searched for, and votes of eight bytes or more read
        // short items a word at a time; spaces around items, a quoted vote and CRLF must still give the plain reading.
        static string Election(params string[] voters) => string.Join("\r\n", new[]
        {
            "META", "key;value", "budget;1000", "vote_type;approval", "PROJECTS", "project_id;cost", "a;600", "bb;400", "ccc;300",
            "VOTES", "voter_id;vote;note",
        }.Concat(voters)) + "\r\n";
        var messy = Election(
            "1;a ,bb, ccc;padding padding padding padding",
            "2;\"ccc,a\";padding padding padding padding",
            "3; bb,ccc,a, ;padding padding padding padding",
            "4;ccc ,bb ,a;x");
        var plain = Election(
            "1;a,bb,ccc;padding padding padding padding",
            "2;ccc,a;padding padding padding padding",
            "3;bb,ccc,a;padding padding padding padding",
            "4;ccc,bb,a;x");

        var file = Read(messy);
        Assert.That(file.FindDifference(Read(plain)), Is.Null);
        Assert.That(file.Profile.VoterCount, Is.EqualTo(4));
        Assert.That(file.Profile.BallotCount, Is.EqualTo(2));
        var error = Assert.Throws<PabulibFormatException>(() => Read(Election("1;a,bb,ccc;padding padding padding padding", "2;bb,zz,ccc;padding padding padding padding")));
        Assert.That(error.Message, Is.EqualTo("t.pb:13: field 'vote': voter '2' votes for unknown project 'zz'"));
    }

    [Test]
    public void Read_WholeNumberWrittenAsDecimal_IsAcceptedForCostAndBudget()
    {
        // France_Toulouse_2022 writes costs as "4000.0"; some budgets are "400000.0".
        var text = MinimalWith(7, "a;600.0").Replace("budget;1000", "budget;1000.00", StringComparison.Ordinal);
        var file = Read(text);

        Assert.That(file.Election.Projects[0].Cost, Is.EqualTo(600));
        Assert.That(file.Election.Budget, Is.EqualTo(1000));
        Assert.That(file.Warnings, Is.Empty);
    }

    [Test]
    public void Read_FractionalBudget_IsRoundedDownWithAWarning()
    {
        // Poland_Krakow_2023_* and Poland_Warszawa_2017/2018/2019_* declare budgets such as 1331751.11.
        var file = Read(MinimalWith(3, "budget;1000.75"));

        Assert.That(file.Election.Budget, Is.EqualTo(1000));
        Assert.That(file.MetaValue("budget"), Is.EqualTo("1000.75"));
        Assert.That(file.Warnings.Select(w => w.ToString()), Is.EqualTo(new[]
        {
            "t.pb:1: field 'budget': budget '1000.75' has a fractional part; 1000 is used, which allows exactly the same sets of whole-cost projects",
        }));
    }

    [Test]
    public void Read_FractionalBounds_AreRoundedInward()
    {
        // Costs, lengths and points are whole numbers: sum <= 899.5 iff sum <= 899; sum >= 1.5 iff sum >= 2.
        var text = Text(["META", "key;value", "budget;1000", "vote_type;cumulative", "max_sum_cost;899.5", "min_sum_points;1.5",
            "PROJECTS", "project_id;cost", "a;600", "VOTES", "voter_id;vote;points", "1;a;2"]);
        var limits = Read(text).Election.Limits;

        Assert.That(limits.MaxSumCost, Is.EqualTo(899));
        Assert.That(limits.MinSumPoints, Is.EqualTo(2));
    }

    [Test]
    public void Read_QuotedFields_UnescapeDoubledQuotesAndKeepSeparators()
    {
        var file = Read(MinimalWith(6, "project_id;cost;name").Replace("a;600", "a;600;\"x;\"\"y\"\"\"", StringComparison.Ordinal)
            .Replace("b;400", "\"b\";\"400\";\"none\"", StringComparison.Ordinal));

        Assert.That(file.Election.Projects[0].Name, Is.EqualTo("x;\"y\""));
        Assert.That(file.Election.Projects[1].Id, Is.EqualTo("b"));
        Assert.That(file.Election.Projects[1].Name, Is.EqualTo("none"), "a quoted none is the text 'none', not a missing value");
    }

    [Test]
    public void Read_QuotedFieldSpanningLines_IsJoinedAndLaterLinesKeepTheirNumbers()
    {
        var text = MinimalWith(6, "project_id;cost;name").Replace("a;600", "a;600;\"two\nlines\"", StringComparison.Ordinal)
            .Replace("2;b", "2;z", StringComparison.Ordinal);

        // The quoted name takes lines 7 and 8, so voter 2 is on line 13.
        var error = ReadError(text);
        Assert.That(error.Message, Is.EqualTo("t.pb:13: field 'vote': voter '2' votes for unknown project 'z'"));
    }

    [Test]
    public void Read_QuoteInsideAField_IsAnOrdinaryCharacter()
    {
        // Poland_Czestochowa_2020: names such as Piknik "Stradomska rodzina" are not quoted fields.
        var file = Read(MinimalWith(6, "project_id;cost;name").Replace("a;600", "a;600;Piknik \"Stradomska\"", StringComparison.Ordinal));

        Assert.That(file.Election.Projects[0].Name, Is.EqualTo("Piknik \"Stradomska\""));
    }

    [Test]
    public void Read_GzipAndPlainFiles_GiveTheSameElection()
    {
        var folder = Directory.CreateTempSubdirectory("pabulib-test-");
        try
        {
            var plain = Path.Combine(folder.FullName, "rich.pb");
            var packed = Path.Combine(folder.FullName, "rich.pb.gz");
            File.WriteAllText(plain, Rich, new UTF8Encoding(false));
            using (var output = File.Create(packed))
            using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
            {
                gzip.Write(Encoding.UTF8.GetBytes(Rich));
            }

            var fromPlain = PabulibReader.Read(plain);
            var fromGzip = PabulibReader.Read(packed);

            Assert.That(fromGzip.FileName, Is.EqualTo(packed));
            Assert.That(fromGzip.FindDifference(fromPlain), Is.Null);
            Assert.That(fromGzip.Profile.VoterCount, Is.EqualTo(4));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Test]
    public void Read_GzipFileReadAsPlain_FailsWithALocatedError()
    {
        using var stream = new MemoryStream();
        using (var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(Rich));
        }

        stream.Position = 0;
        Assert.Throws<PabulibFormatException>(() => PabulibReader.Read(stream, "named-wrongly.pb"));
    }

    [Test]
    public void Read_RepeatedMetaKey_UsesTheFirstAndWarns()
    {
        var file = Read(Text(Minimal.Take(3).Append("budget;5").Concat(Minimal.Skip(3))));

        Assert.That(file.Election.Budget, Is.EqualTo(1000));
        Assert.That(file.Warnings.Single().ToString(), Is.EqualTo("t.pb:4: field 'budget': META key appears a second time; the first value is used"));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(5)]
    public void Read_TinyLineBuffer_GivesTheSameElection(int bufferSize)
    {
        // Lines (and the byte-order mark) straddle buffer refills; the buffer grows to fit the longest line.
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Rich.Replace("\n", "\r\n", StringComparison.Ordinal))).ToArray();
        var file = PabulibReader.Read(new MemoryStream(bytes), "t.pb", null, bufferSize);

        Assert.That(file.FindDifference(Read(Rich)), Is.Null);
        Assert.That(file.Election.Projects[1].Name, Is.EqualTo("Library; \"new\""));
    }

    [Test]
    public void Read_EmptyVote_IsAnEmptyBallot()
    {
        var profile = Read(MinimalWith(12, "2;")).Profile;

        Assert.That(profile.VoterCount, Is.EqualTo(2));
        Assert.That(profile.Projects(1).Length, Is.Zero);
    }

    [Test]
    public void Read_ExtraColumnOfWhiteSpaceOnly_KeepsTheVoterWithTheValueMissing()
    {
        // One extra column whose value is blank: the reader keys the voter's extra values by their span of the line.
        const string text = "META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\na;5\nVOTES\nvoter_id;vote;age\n1;a;   \n2;a;30\n";

        var file = PabulibReader.ReadText(text);

        Assert.That(file.Voters!.Count, Is.EqualTo(2));
        Assert.That(file.Voters.Value(0, "age"), Is.Null);
        Assert.That(file.Voters.Value(1, "age"), Is.EqualTo("30"));
    }
}
