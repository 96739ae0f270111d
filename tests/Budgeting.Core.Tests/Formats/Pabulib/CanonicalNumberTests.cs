using System.Text;
using Budgeting.Formats.Pabulib;

namespace Budgeting.Core.Tests.Formats.Pabulib;

public sealed class CanonicalNumberTests
{
    /// <summary>What a voter id written as a number means, one character at a time: the value, or -1.</summary>
    private static long Expected(string id)
    {
        if (id.Length is 0 or > 18 || (id[0] == '0' && id.Length > 1) || !id.All(char.IsAsciiDigit))
        {
            return -1;
        }

        return long.Parse(id, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static IEnumerable<string> Ids()
    {
        // Every length from 0 to 20, digits only, then with each position in turn replaced by the bytes just outside
        // '0'..'9' (and others whose low or high half looks like a digit's), so that each word of a fast path is checked.
        var bad = new[] { '/', ':', '\u001F', '\u007F', ' ', 'a', '@', ')', '\u00B5', '\u00F9' };
        for (var length = 0; length <= 20; length++)
        {
            var digits = new string(Enumerable.Range(0, length).Select(i => (char)('1' + ((i * 7) + length) % 9)).ToArray());
            yield return digits;
            if (length > 1)
            {
                yield return "0" + digits[1..];
            }

            yield return new string('9', length);
            for (var at = 0; at < length; at++)
            {
                foreach (var c in bad)
                {
                    yield return digits[..at] + c + digits[(at + 1)..];
                }
            }
        }

        yield return "1401204197";
        yield return "9999999999999999";
        yield return "99999999999999999";
        yield return "999999999999999999";
    }

    [Test]
    public void Agrees_with_reading_digit_by_digit()
    {
        foreach (var id in Ids())
        {
            var bytes = Encoding.Latin1.GetBytes(id);
            Assert.That(PabulibText.CanonicalNumber(bytes), Is.EqualTo(Expected(id)), $"id '{id}'");
        }
    }

    [Test]
    public void Ignores_the_bytes_around_the_id()
    {
        // The fast path reads whole words inside the id's span: digits next to it must not leak in.
        var line = Encoding.ASCII.GetBytes("77123456789012377");
        Assert.That(PabulibText.CanonicalNumber(line.AsSpan(2, 13)), Is.EqualTo(1234567890123));
        Assert.That(PabulibText.CanonicalNumber(line.AsSpan(2, 8)), Is.EqualTo(12345678));
    }
}
