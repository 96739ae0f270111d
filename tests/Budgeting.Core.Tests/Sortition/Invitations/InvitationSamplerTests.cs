using System.Text;
using Budgeting.Arithmetic;
using Budgeting.Sortition.Invitations;

namespace Budgeting.Core.Tests.Sortition.Invitations;

/// <summary>
/// Expected samples come from the independent Python reference in docs/randomness-reference.py (function
/// <c>sample</c>), applied by hand to the fixture's strata as worked out in the comments.
/// </summary>
public sealed class InvitationSamplerTests
{
    // Households (street + number, normalized): rows 1 and 2 ("Main St"/"main st " 1) are one household, so are
    // rows 3 and 7 ("Oak Rd"/"Oak  Rd" 2), represented by their first rows 1 (North) and 3 (South).
    // North households in file order: rows 1, 5, 8, 10, 12; South: 3, 4, 6, 9, 11.
    private const string Register = """
        id,street,number,district
        1,Main St,1,North
        2,main st ,1,North
        3,Oak Rd,2,South
        4,Oak Rd,3,South
        5,High St,4,North
        6,High St,5,South
        7,Oak  Rd,2,North
        8,Main St,6,North
        9,Elm St,7,South
        10,Elm St,8,North
        11,Elm St,9,South
        12,Birch Ln,10,North

        """;

    private string folder = null!;

    [SetUp]
    public void CreateFolder()
    {
        folder = Path.Combine(Path.GetTempPath(), "budgeting-invite-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    private string Write(string content, string name = "register.csv")
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content.ReplaceLineEndings("\n"));
        return path;
    }

    private static InvitationRequest Request(int count, string seed, string[]? households = null, string strata = "district") =>
        new([.. strata.Split(',')], count, seed, households ?? [], new Dictionary<string, Rational>());

    private static (InvitationResult Result, string Output) Draw(string path, InvitationRequest request)
    {
        using var output = new MemoryStream();
        var result = InvitationSampler.Draw(path, "register.csv", request, output);
        return (result, Encoding.UTF8.GetString(output.ToArray()));
    }

    private static string[] Ids(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => line.Split(',')[0]).ToArray();

    [Test]
    public void Sample_MatchesTheReferenceVector()
    {
        // Python: sample("demo/invite/North", 100, 5) == [2, 18, 68, 69, 77].
        Assert.That(InvitationSampler.Sample("demo/invite/North", 100, 5), Is.EqualTo(new long[] { 2, 18, 68, 69, 77 }));
    }

    [Test]
    public void Sample_AllOfThePopulation_IsEveryone() =>
        Assert.That(InvitationSampler.Sample("x", 6, 6), Is.EqualTo(new long[] { 0, 1, 2, 3, 4, 5 }));

    [Test]
    public void Draw_Households_OneLetterPerHouseholdToItsFirstRow()
    {
        // 10 households, 4 letters: North 5 and South 5 → quotas 2 and 2. Python: sample("fixture/invite/North", 5, 2)
        // = [0, 4] → rows 1 and 12; sample("fixture/invite/South", 5, 2) = [3, 4] → rows 9 and 11.
        var (result, output) = Draw(Write(Register), Request(4, "fixture", ["street", "number"]));
        Assert.That(Ids(output), Is.EqualTo(new[] { "1", "9", "11", "12" }));
        Assert.That(result.Rows, Is.EqualTo(12));
        Assert.That(result.Households, Is.EqualTo(10));
        Assert.That(result.Strata.Select(s => (s.Name, s.Households, s.Letters)), Is.EqualTo(new[] { ("North", 5L, 2), ("South", 5L, 2) }));
        Assert.That(output, Does.StartWith("id,street,number,district\n1,Main St,1,North\n"));
    }

    [Test]
    public void Draw_OtherSeed_DiffersAsTheReferenceSays()
    {
        // Python: seed "other" → North [0, 1] → rows 1, 5; South [0, 4] → rows 3, 11.
        var (_, output) = Draw(Write(Register), Request(4, "other", ["street", "number"]));
        Assert.That(Ids(output), Is.EqualTo(new[] { "1", "3", "5", "11" }));
    }

    [Test]
    public void Draw_WithoutHouseholds_EveryRowCountsAndTiesGoByName()
    {
        // North rows 1, 2, 5, 7, 8, 10, 12 (7), South 3, 4, 6, 9, 11 (5); 6 letters → quotas 3.5 and 2.5, equal
        // remainders: the extra letter goes to North (first by name). Python: North sample(…, 7, 4), South
        // sample(…, 5, 2) → rows 2, 5, 9, 10, 11, 12.
        var (_, output) = Draw(Write(Register), Request(6, "fixture"));
        Assert.That(Ids(output), Is.EqualTo(new[] { "2", "5", "9", "10", "11", "12" }));
    }

    [Test]
    public void Draw_SameSeed_ByteIdenticalOutput()
    {
        var path = Write(Register);
        var first = Draw(path, Request(5, "same", ["street", "number"])).Output;
        var second = Draw(path, Request(5, "same", ["street", "number"])).Output;
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Draw_QuotedFieldsAndCrlf_AreCopiedAsWritten()
    {
        var path = Path.Combine(folder, "quoted.csv");
        File.WriteAllText(path, "\uFEFFid,note,district\r\n1,\"says \"\"hi\"\", twice\",North\r\n2,\"two\nlines\",\"North\"\r\n");
        var (result, output) = Draw(path, Request(2, "q"));
        Assert.That(result.Strata.Single().Households, Is.EqualTo(2));
        Assert.That(output, Is.EqualTo("id,note,district\n1,\"says \"\"hi\"\", twice\",North\n2,\"two\nlines\",\"North\"\n"));
    }

    [Test]
    public void Draw_GeneratedRegister_StreamsAndKeepsProportions()
    {
        // 100,000 rows, households of two consecutive rows (rows 2h and 2h+1 share the address "h Long Street").
        // Household h is in district d+1 where slot h mod 28 falls in the d-th block of the triangular split
        // 0 | 1 2 | 3 4 5 | … | 21…27, so district sizes are in ratio 1 : 2 : … : 7; the expected sizes are counted
        // while the file is written, and every stratum's letters must be within one of its exact quota.
        var path = Path.Combine(folder, "big.csv");
        var sizes = new long[7];
        using (var writer = new StreamWriter(path))
        {
            writer.Write("id,address,district\n");
            for (var r = 0; r < 100_000; r++)
            {
                var h = r / 2;
                var slot = h % 28;
                var district = 0;
                while (slot >= (district + 1) * (district + 2) / 2)
                {
                    district++;
                }

                if (r % 2 == 0)
                {
                    sizes[district]++;
                }

                writer.Write($"{r},{h} Long Street,D{district + 1}\n");
            }
        }

        var (result, output) = Draw(path, Request(1_400, "big", ["address"]));
        Assert.That(result.Households, Is.EqualTo(50_000));
        Assert.That(result.Strata.Select(s => s.Households), Is.EqualTo(sizes));
        Assert.That(Ids(output), Has.Length.EqualTo(1_400));
        Assert.That(Ids(output).Select(long.Parse).All(id => id % 2 == 0), Is.True, "every letter goes to the household's first row");
        Assert.That(Ids(output).Select(long.Parse), Is.Ordered.And.Unique);
        foreach (var stratum in result.Strata)
        {
            // Largest remainder: within one letter of the exact quota.
            Assert.That((Rational)stratum.Letters - stratum.Quota, Is.GreaterThan((Rational)(-1)).And.LessThan(Rational.One));
            Assert.That(output.Split('\n').Count(l => l.EndsWith("," + stratum.Name, StringComparison.Ordinal)), Is.EqualTo(stratum.Letters));
        }
    }

    // "2,South,extra": the extra field starts at column 9.
    [TestCase("id,district\n1,North\n2,South,extra\n", "register.csv:3:9: 3 fields, but the header has 2")]
    [TestCase("id,district\n1,North\n2\n", "register.csv:3:2: 1 fields, but the header has 2")]
    [TestCase("id,district\n1,\"North\n2,South\n", "register.csv:2:3: the quoted field is never closed")]
    [TestCase("id,district\n1,No\"rth\n", "register.csv:2:5: a quote inside an unquoted field")]
    // A quoted field spanning lines 2-3 moves the next record to line 4.
    [TestCase("id,district\n1,\"North\nEast\"\n2,No\"rth\n", "register.csv:4:5: a quote inside an unquoted field")]
    [TestCase("id,district\n1,North\n2,  \n", "register.csv:3:3: empty value in strata column 'district'")]
    [TestCase("id,zone\n1,North\n", "register.csv:1:1: no strata column 'district' in the header (columns: id, zone)")]
    [TestCase("id,district\n", "register.csv:2:1: the register has a header but no data rows")]
    public void Draw_BadRegister_NamesFileLineAndColumn(string content, string message)
    {
        var path = Write(content);
        Assert.That(() => Draw(path, Request(1, "x")), Throws.InstanceOf<RegisterFormatException>().With.Message.StartsWith(message));
    }

    [Test]
    public void Draw_EveryHousehold_CopiesTheWholeRegisterAcrossBufferBoundaries()
    {
        // 40,000 records of about 60 bytes (2.4 MB, more than the reader's 1 MB buffer), each with a quoted field
        // holding a comma, a doubled quote and a line break, and CRLF record ends. Drawing every row must give the
        // register back, record for record, with LF record ends.
        var path = Path.Combine(folder, "multiline.csv");
        var expected = new StringBuilder("id,note,district\n");
        using (var writer = new StreamWriter(path))
        {
            writer.Write("id,note,district\r\n");
            for (var r = 1; r <= 40_000; r++)
            {
                var record = $"{r},\"note {r}, line one\nline \"\"two\"\"\",D{r % 3}";
                writer.Write(record + "\r\n");
                expected.Append(record).Append('\n');
            }
        }

        var (result, output) = Draw(path, Request(40_000, "all"));
        Assert.That(result.Rows, Is.EqualTo(40_000));
        Assert.That(output, Is.EqualTo(expected.ToString()));
    }

    [Test]
    public void Draw_MoreLettersThanHouseholds_Throws() =>
        Assert.That(() => Draw(Write(Register), Request(11, "x", ["street", "number"])), Throws.ArgumentException.With.Message.Contains("10 households"));

    [Test]
    public void Draw_OversampleUnknownStratum_Throws()
    {
        var request = Request(2, "x") with { Oversample = new Dictionary<string, Rational> { ["West"] = 2 } };
        Assert.That(() => Draw(Write(Register), request), Throws.ArgumentException.With.Message.Contains("'West'"));
    }
}
