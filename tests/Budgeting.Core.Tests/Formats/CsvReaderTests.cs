using Budgeting.Formats.Csv;

namespace Budgeting.Core.Tests.Formats;

public class CsvReaderTests
{
    [Test]
    public void ReadAll_QuotedFieldsHoldCommasQuotesAndLineBreaks()
    {
        // RFC 4180 §2: "aaa","b""bb","ccc" and a field with CRLF inside quotes.
        var text = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\nplain,,end\n";
        var records = CsvReader.ReadAll(new StringReader(text));

        Assert.That(records, Has.Count.EqualTo(3));
        Assert.That(records[1].Fields, Is.EqualTo(new[] { "x, y", "say \"hi\"", "two\r\nlines" }));
        Assert.That(records[1].Line, Is.EqualTo(2));
        Assert.That(records[2].Fields, Is.EqualTo(new[] { "plain", "", "end" }));
        Assert.That(records[2].Line, Is.EqualTo(4), "the quoted line break moves the next record to line 4");
    }

    [Test]
    public void ReadAll_SkipsBlankLinesAndKeepsALastLineWithoutNewline()
    {
        var records = CsvReader.ReadAll(new StringReader("h\n\nv1\nv2"));
        Assert.That(records.Select(r => r.Fields[0]), Is.EqualTo(new[] { "h", "v1", "v2" }));
        Assert.That(records[1].Line, Is.EqualTo(3));
    }

    [Test]
    public void ReadAll_UnclosedQuote_NamesItsLine()
    {
        var e = Assert.Throws<CsvFormatException>(() => CsvReader.ReadAll(new StringReader("a\n\"open\nmore")));
        Assert.That(e!.Line, Is.EqualTo(2));
    }

    [Test]
    public void ReadAll_TextAfterClosingQuote_IsAnError()
    {
        Assert.Throws<CsvFormatException>(() => CsvReader.ReadAll(new StringReader("\"a\"b,c")));
    }
}
