using System.Text;
using Budgeting.Formats.Pabulib;

namespace Budgeting.Core.Tests.Formats.Pabulib;

public sealed class FieldSplitterTests
{
    private static readonly char[] Alphabet = ['a', ';', ' ', 'b', '\t', 'c', ';', 'x'];

    /// <summary>
    /// Lines of every length from 0 to 100 (so that separators fall in full vectors, in the overlapping last vector and
    /// in lines shorter than one vector), made of letters, separators and white space in a fixed pattern per length.
    /// </summary>
    private static IEnumerable<string> Lines()
    {
        for (var length = 0; length <= 100; length++)
        {
            for (var shift = 0; shift < 3; shift++)
            {
                var chars = new char[length];
                for (var i = 0; i < length; i++)
                {
                    chars[i] = Alphabet[((i * 7) + (length * 3) + (shift * 5) + (i * i % 11)) % Alphabet.Length];
                }

                yield return new string(chars);
            }
        }
    }

    [Test]
    public void Split_PlainLinesOfEveryLength_MatchesASplitOnSemicolonsWithTrimmedFields()
    {
        var splitter = new FieldSplitter();
        foreach (var text in Lines())
        {
            var line = Encoding.ASCII.GetBytes(text);
            var expected = text.Split(';').Select(f => f.Trim(' ', '\t')).ToArray();

            Assert.That(splitter.Split(line), Is.True, text);
            Assert.That(splitter.IsPlain, Is.True, text);
            Assert.That(splitter.Count, Is.EqualTo(expected.Length), text);
            for (var f = 0; f < expected.Length; f++)
            {
                Assert.That(Encoding.ASCII.GetString(splitter.Field(line, f)), Is.EqualTo(expected[f]), $"field {f} of '{text}'");
                Assert.That(text[splitter.Start(line, f)..splitter.End(line, f)], Is.EqualTo(expected[f]), $"start and end of field {f} of '{text}'");
            }
        }
    }

    [Test]
    public void Split_QuoteInTheOverlappingLastVector_UnescapesTheQuotedField()
    {
        // 40 bytes: the quote sits in the last 32-byte vector, which overlaps the first.
        var text = "12345678901234567890123456789;a;\"x;\"\"y\"\"\"";
        var line = Encoding.ASCII.GetBytes(text);
        var splitter = new FieldSplitter();

        Assert.That(splitter.Split(line), Is.True);
        Assert.That(splitter.IsPlain, Is.False);
        Assert.That(splitter.Count, Is.EqualTo(3));
        Assert.That(Encoding.ASCII.GetString(splitter.Field(line, 2)), Is.EqualTo("x;\"y\""));
        Assert.That(splitter.IsQuoted(2), Is.True);
    }
}
