using Budgeting.Formats.Pabulib;
using static Budgeting.Core.Tests.Formats.Pabulib.PabulibFixtures;

namespace Budgeting.Core.Tests.Formats.Pabulib;

/// <summary>One test per class of bad input, each asserting the exact one-line message (file, line, field).</summary>
public sealed class PabulibReaderErrorTests
{
    [Test]
    public void UnknownProjectInAVote_NamesTheVoterAndTheProject()
    {
        var error = ReadError(MinimalWith(12, "2;b,zz"));

        Assert.That(error.Message, Is.EqualTo("t.pb:12: field 'vote': voter '2' votes for unknown project 'zz'"));
        Assert.That((error.File, error.Line, error.Field), Is.EqualTo(("t.pb", 12, "vote")));
    }

    [Test]
    public void DuplicateVoterId_NamesBothLines()
    {
        var error = ReadError(MinimalWith(12, "1;b"));

        Assert.That(error.Message, Is.EqualTo("t.pb:12: field 'voter_id': voter id '1' appears twice (first on line 11)"));
    }

    [Test]
    public void DuplicateVoterId_OutOfOrderAndNonNumeric_AreFound()
    {
        var outOfOrder = Text(Minimal.Take(10).Concat(["5;a", "3;b", "7;a", "3;a"]));
        var textual = Text(Minimal.Take(10).Concat(["x1;a", "x2;b", "x1;a"]));

        Assert.That(ReadError(outOfOrder).Message, Is.EqualTo("t.pb:14: field 'voter_id': voter id '3' appears twice (first on line 12)"));
        Assert.That(ReadError(textual).Message, Is.EqualTo("t.pb:13: field 'voter_id': voter id 'x1' appears twice (first on line 11)"));
    }

    [Test]
    public void DuplicateProjectId_NamesBothLines()
    {
        var error = ReadError(MinimalWith(8, "a;400"));

        Assert.That(error.Message, Is.EqualTo("t.pb:8: field 'project_id': project id 'a' appears twice (first on line 7)"));
    }

    [Test]
    public void PointsCountDifferentFromVoteCount_IsAnError()
    {
        var text = Text(["META", "key;value", "budget;1000", "vote_type;cumulative", "PROJECTS", "project_id;cost", "a;600", "b;400",
            "VOTES", "voter_id;vote;points", "1;a,b;3"]);

        Assert.That(ReadError(text).Message, Is.EqualTo("t.pb:11: field 'points': voter '1' has 1 points for 2 projects"));
    }

    [Test]
    public void NonNumericPoint_IsAnError()
    {
        var text = Text(["META", "key;value", "budget;1000", "vote_type;cumulative", "PROJECTS", "project_id;cost", "a;600", "b;400",
            "VOTES", "voter_id;vote;points", "1;a,b;3,x"]);

        Assert.That(ReadError(text).Message, Is.EqualTo("t.pb:11: field 'points': voter '1' has point 'x', which is not an integer"));
    }

    [TestCase("12.5")]
    [TestCase("0")]
    [TestCase("-400")]
    [TestCase("4OO")]
    [TestCase("none")]
    public void CostNotAPositiveInteger_IsAnError(string cost)
    {
        var error = ReadError(MinimalWith(8, "b;" + cost));

        Assert.That(error.Message, Is.EqualTo($"t.pb:8: field 'cost': cost '{cost}' of project 'b' is not a positive integer"));
    }

    [Test]
    public void MissingMetaSection_IsAnError()
    {
        var error = ReadError(Text(Minimal.Skip(4)));

        Assert.That(error.Message, Is.EqualTo("t.pb:1: field 'META': section META is missing (the file starts with PROJECTS)"));
    }

    [Test]
    public void MissingProjectsSection_IsAnError()
    {
        var error = ReadError(Text(Minimal.Take(4).Concat(Minimal.Skip(8))));

        Assert.That(error.Message, Is.EqualTo("t.pb:5: field 'PROJECTS': section PROJECTS is missing before VOTES"));
    }

    [Test]
    public void MissingVotesSection_IsReportedAtTheLastLine()
    {
        var error = ReadError(Text(Minimal.Take(8)));

        Assert.That(error.Message, Is.EqualTo("t.pb:8: field 'VOTES': section VOTES is missing"));
    }

    [Test]
    public void EmptyFile_IsMissingMeta()
    {
        Assert.That(ReadError(string.Empty).Message, Is.EqualTo("t.pb:1: field 'META': section META is missing"));
    }

    [Test]
    public void RepeatedSection_IsAnError()
    {
        Assert.That(ReadError(Text(Minimal.Append("PROJECTS"))).Message, Is.EqualTo("t.pb:13: field 'PROJECTS': section PROJECTS appears a second time"));
    }

    [TestCase(3, "budget")]
    [TestCase(4, "vote_type")]
    public void MissingRequiredMetaKey_IsReportedAtTheMetaLine(int line, string key)
    {
        var error = ReadError(MinimalWith(line, null));

        Assert.That(error.Message, Is.EqualTo($"t.pb:1: field '{key}': META has no '{key}' key"));
    }

    [Test]
    public void UnknownVoteType_IsAnError()
    {
        Assert.That(ReadError(MinimalWith(4, "vote_type;approvals")).Message,
            Is.EqualTo("t.pb:1: field 'vote_type': vote_type 'approvals' is not one of approval, choose-1, cumulative, scoring, ordinal"));
    }

    [Test]
    public void NonNumericBudget_IsAnError()
    {
        Assert.That(ReadError(MinimalWith(3, "budget;1 000")).Message, Is.EqualTo("t.pb:1: field 'budget': budget '1 000' is not a non-negative number"));
    }

    [Test]
    public void NonNumericLimit_IsAnError()
    {
        var text = Text(Minimal.Take(4).Append("max_length;five").Concat(Minimal.Skip(4)));

        Assert.That(ReadError(text).Message, Is.EqualTo("t.pb:1: field 'max_length': max_length 'five' is not a number"));
    }

    [TestCase("cost", "project_id", 6, "PROJECTS header has no 'project_id' column")]
    [TestCase("project_id", "cost", 6, "PROJECTS header has no 'cost' column")]
    public void MissingProjectColumn_IsReportedAtTheHeader(string header, string field, int line, string problem)
    {
        Assert.That(ReadError(MinimalWith(6, header)).Message, Is.EqualTo($"t.pb:{line}: field '{field}': {problem}"));
    }

    [TestCase("vote", "voter_id")]
    [TestCase("voter_id", "vote")]
    public void MissingVotesColumn_IsReportedAtTheHeader(string header, string field)
    {
        Assert.That(ReadError(MinimalWith(10, header)).Message, Is.EqualTo($"t.pb:10: field '{field}': VOTES header has no '{field}' column"));
    }

    [Test]
    public void CumulativeWithoutPointsColumn_IsAnError()
    {
        Assert.That(ReadError(MinimalWith(4, "vote_type;cumulative")).Message,
            Is.EqualTo("t.pb:10: field 'points': VOTES header has no 'points' column, which cumulative ballots need"));
    }

    [Test]
    public void MissingVoterId_IsAnError()
    {
        Assert.That(ReadError(MinimalWith(12, ";b")).Message, Is.EqualTo("t.pb:12: field 'voter_id': voter id is missing"));
    }

    [Test]
    public void RowWithMoreFieldsThanTheHeader_IsAnError()
    {
        Assert.That(ReadError(MinimalWith(8, "b;400;extra")).Message, Is.EqualTo("t.pb:8: field 'PROJECTS': row has 3 fields but the header has 2"));
        Assert.That(ReadError(MinimalWith(12, "2;b;extra")).Message, Is.EqualTo("t.pb:12: field 'VOTES': row has 3 fields but the header has 2"));
    }

    [Test]
    public void RowWithoutItsVote_IsAnError()
    {
        Assert.That(ReadError(MinimalWith(12, "2")).Message, Is.EqualTo("t.pb:12: field 'vote': row has 1 fields but the header has 2"));
    }

    [Test]
    public void UnclosedQuote_IsAnError()
    {
        Assert.That(ReadError(MinimalWith(8, "b;400").Replace("b;400", "\"b;400", StringComparison.Ordinal)).Message,
            Is.EqualTo("t.pb:8: field 'PROJECTS': a quoted field is not closed before the end of the file"));
    }

    [Test]
    public void TextBeforeMeta_IsAnError()
    {
        Assert.That(ReadError("hello\n" + Text(Minimal)).Message, Is.EqualTo("t.pb:1: field 'META': text before the first section; a Pabulib file starts with META"));
    }
}
