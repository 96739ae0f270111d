using Budgeting.Formats.Pabulib;

namespace Budgeting.Core.Tests.Formats.Pabulib;

public sealed class ShortTextTableTests
{
    /// <summary>
    /// Texts of every length from 0 to 24, with and without trailing zero bytes, and pairs that differ in one byte
    /// only (in each of the three words the table keeps), each given a value and then counted a known number of times.
    /// </summary>
    private static List<byte[]> Texts()
    {
        var texts = new List<byte[]>();
        for (var length = 0; length <= ShortTextTable.MaxLength; length++)
        {
            var text = new byte[length];
            for (var i = 0; i < length; i++)
            {
                text[i] = (byte)('0' + ((i * 7) + length) % 10);
            }

            texts.Add(text);
            if (length > 0)
            {
                var zeroEnd = (byte[])text.Clone();
                zeroEnd[^1] = 0; // "12\0" must differ from "12" and from "12\0\0"
                texts.Add(zeroEnd);
                for (var at = 0; at < length; at += 7)
                {
                    var changed = (byte[])text.Clone();
                    changed[at] ^= 0x40;
                    texts.Add(changed);
                }
            }
        }

        // Enough distinct texts to make the table grow a few times.
        for (var n = 0; n < 20_000; n++)
        {
            texts.Add(System.Text.Encoding.ASCII.GetBytes($"{n % 160},{n / 160 % 160},{n * 7 % 1000}"));
        }

        return texts.DistinctBy(Convert.ToHexString).ToList();
    }

    [Test]
    public void Every_text_keeps_its_own_value_flag_and_tally()
    {
        var texts = Texts();
        var table = new ShortTextTable(16);
        var tallies = new long[texts.Count];
        for (var v = 0; v < texts.Count; v++)
        {
            Assert.That(table.Count(texts[v], tallies), Is.EqualTo(-1), $"text {v} is new");
            table.Add(texts[v], v, flagged: v % 3 == 0);
        }

        for (var round = 0; round < 3; round++)
        {
            for (var v = round; v < texts.Count; v += 1 + round)
            {
                Assert.That(table.Count(texts[v], tallies), Is.EqualTo(v % 3 == 0 ? -2 - v : v), $"value of text {v}");
            }
        }

        table.AddTallies(tallies);
        for (var v = 0; v < texts.Count; v++)
        {
            var expected = 1 + Enumerable.Range(0, 3).Count(round => v >= round && (v - round) % (1 + round) == 0);
            Assert.That(tallies[v], Is.EqualTo(expected), $"tally of text {v} ({Convert.ToHexString(texts[v])})");
        }

        table.ReturnScratch();
    }
}
