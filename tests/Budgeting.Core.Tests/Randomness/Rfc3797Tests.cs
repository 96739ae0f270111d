using System.Numerics;
using Budgeting.Randomness;

namespace Budgeting.Core.Tests.Randomness;

/// <summary>RFC 3797 section 6, "Fully Worked Example": expected values are the RFC's own.</summary>
public sealed class Rfc3797Tests
{
    private const string RfcKey = "9319./2.5.8.10.12./9.18.26.34.41.45./";

    /// <summary>The RFC's 25 volunteers, in its published order (samples/rfc3797-names.txt holds the same).</summary>
    public static readonly string[] RfcNames =
    [
        "John", "Mary", "Bashful", "Dopey", "Sleepy", "Grouchy", "Doc", "Sneazy", "Handsome", "Cassandra",
        "Pollyanna", "Pendragon", "Pandora", "Faith", "Hope", "Charity", "Lee", "Longsuffering", "Chastity", "Smith",
        "Pride", "Sloth", "Envy", "Anger", "Kasczynski",
    ];

    [Test]
    public void KeyBuilder_RfcSources_GiveTheRfcKey()
    {
        // The second source, 2 5 12 8 10, is sorted to 2.5.8.10.12.
        var key = new Rfc3797KeyBuilder().Add("9319").Add("2,5,12,8,10").Add("9, 18, 26, 34, 41, 45").Build();
        Assert.That(key, Is.EqualTo(RfcKey));
    }

    [Test]
    public void KeyBuilder_Numbers_AreSortedNumericallyWithoutLeadingZeros()
    {
        // Numeric, not textual, order (10 after 9), and "007" is the number 7.
        var key = new Rfc3797KeyBuilder().Add([new BigInteger(10), new BigInteger(9)]).Add("007").Build();
        Assert.That(key, Is.EqualTo("9.10./7./"));
    }

    [Test]
    public void KeyBuilder_TextSources_DropLeadingZerosAndSortByValue()
    {
        // By hand: 0045, 9, 018, 26 are the whole numbers 45, 9, 18, 26; by value (not as text, where "018" < "26" < "9")
        // they are 9 < 18 < 26 < 45. A zero is "0." however many zeros are written.
        var key = new Rfc3797KeyBuilder().Add("0045, 9, 018, 26").Add("000").Add("10,9,0").Build();
        Assert.That(key, Is.EqualTo("9.18.26.45./0./0.9.10./"));
    }

    // The canonical form, worked by hand: no leading zeros (a single 0 for a zero whole part), no trailing zeros after the
    // period, the period ending a whole number or separating the whole and fractional parts. The RFC's reference code
    // (section 7) writes the same: "%ld." for a whole number, "%ld.%s" with trailing zeros stripped for a real.
    [TestCase("9319", "9319.")]
    [TestCase("9319.27", "9319.27")]
    [TestCase("9319.270", "9319.27")]
    [TestCase("007", "7.")]
    [TestCase("0", "0.")]
    [TestCase("000.000", "0.")]
    [TestCase("0.5", "0.5")]
    [TestCase(".5", "0.5")]
    [TestCase("00.050", "0.05")]
    [TestCase("3.00", "3.")]
    [TestCase("12.", "12.")]
    [TestCase(" 12.50 ", "12.5")]
    public void Canonical_DecimalNumbers_AreWrittenAsTheRfcWritesThem(string number, string expected) =>
        Assert.That(Rfc3797KeyBuilder.Canonical(number), Is.EqualTo(expected));

    [Test]
    public void KeyBuilder_DecimalNumbers_EachInASourceOfItsOwn()
    {
        // By hand: 9319.27 alone is "9319.27/", 0.750 is "0.75/", and the whole numbers 12, 007, 3 sort to "3.7.12./".
        // (docs/randomness-reference.py prints the same key.)
        var key = new Rfc3797KeyBuilder().Add("9319.27").Add("0.750").Add("12, 007, 3").Build();
        Assert.That(key, Is.EqualTo("9319.27/0.75/3.7.12./"));
    }

    // The reference code sorts whole numbers but writes reals unsorted and cannot mix the two in one source, so a source
    // of several numbers with a decimal point has no agreed key: refused, naming the number.
    [TestCase("12.50, 3", "12.50")]
    [TestCase("1, 0.51", "0.51")]
    [TestCase("3.0, 2", "3.0")]
    [TestCase("7, 12.", "12.")]
    public void KeyBuilder_SeveralNumbersWithADecimalPoint_AreRefused(string source, string culprit)
    {
        var builder = new Rfc3797KeyBuilder().Add("9319");
        Assert.That(() => builder.Add(source), Throws.InstanceOf<FormatException>().With.Message.EqualTo(
            $"source 2 ('{source}'): '{culprit}' has a decimal point, but a source of several numbers may hold only whole " +
            "numbers (RFC 3797's reference code sorts whole numbers but writes decimal fractions unsorted, so their order in " +
            "the key would be ambiguous); give a decimal number a source of its own"));
        Assert.That(builder.Build(), Is.EqualTo("9319./"), "nothing of the refused source is written");
    }

    [Test]
    public void Select_DecimalKey_MatchesTheReferenceScript()
    {
        // docs/randomness-reference.py: "rfc3797 25 choose 5 with it: [21, 16, 14, 1, 3]" for the key above.
        var selected = Rfc3797.Select("9319.27/0.75/3.7.12./", RfcNames, 5);
        Assert.That(selected, Is.EqualTo(new[] { "Pride", "Charity", "Faith", "John", "Bashful" }));
    }

    [TestCase("")]
    [TestCase("1,,2")]
    [TestCase("1.2.3")]
    [TestCase(".")]
    [TestCase("1e3")]
    [TestCase("+1")]
    [TestCase("-3")]
    [TestCase("twelve")]
    [TestCase("W 4-1")]
    public void KeyBuilder_BadSource_IsAFormatExceptionNamingTheSource(string source)
    {
        var builder = new Rfc3797KeyBuilder().Add("1");
        Assert.That(() => builder.Add(source), Throws.InstanceOf<FormatException>().With.Message.Contains("source 2"));
    }

    [Test]
    public void KeyBuilder_NoSource_CannotBuild() =>
        Assert.That(() => new Rfc3797KeyBuilder().Build(), Throws.InvalidOperationException);

    // RFC 3797 section 6 prints, for each of 16 rounds, the MD5 digest in hex, the divisor (the candidates still in the
    // pool) and the 1-based number of the candidate selected. These are the RFC's own figures, as reproduced by
    // github.com/richsalz/ietf-rfc3797-code (ref.results, "the reference input files and output from that RFC") and by
    // the tests of Perl's Algorithm::Voting::Sortition ("digests from ... rfc3797#section-6"); both copies agree.
    private static readonly (string Digest, int Divisor, int Selected)[] RfcTable =
    [
        ("990DD0A5692A029A98B5E01AA28F3459", 25, 17),
        ("3691E55CB63FCC37914430B2F70B5EC6", 24, 7),
        ("FE814EDF564C190AC1D25753979990FA", 23, 2),
        ("1863CCACEB568C31D7DDBDF1D4E91387", 22, 16),
        ("F4AB33DF4889F0AF29C513905BE1D758", 21, 25),
        ("13EAEB529F61ACFB9A29D0BA3A60DE4A", 20, 23),
        ("992DB77C382CA2BDB9727001F3CDCCD9", 19, 8),
        ("63AB4258ECA922976811C7F55C383CE7", 18, 24),
        ("DFBC5AC97CED01B3A6E348E3CC63F40D", 17, 19),
        ("31CB111C4A4EBE9287CEAE16FE51B909", 16, 13),
        ("07FA46C122F164C215BBC72793B189A3", 15, 22),
        ("AC52F8D75CCBE2E61AFEB3387637D501", 14, 5),
        ("53306F73E14FC0B2FBF434218D25948E", 13, 18),
        ("B5D1403501A81F9A47318BE7893B347C", 12, 9),
        ("85B10B356AA06663EF1B1B407765100A", 11, 1),
        ("3269E6CE559ABD57E2BA6AAB495EB9BD", 10, 4),
    ];

    [Test]
    public void Digest_AllSixteenRounds_MatchTheRfcTable()
    {
        // Round i (1-based in the RFC's table) hashes the key between two copies of i - 1 as a 2-byte big-endian counter.
        var digests = Enumerable.Range(0, RfcTable.Length).Select(step => Convert.ToHexString(Rfc3797.Digest(RfcKey, step)));
        Assert.That(digests, Is.EqualTo(RfcTable.Select(row => row.Digest)));
    }

    [Test]
    public void Select_SixteenRounds_MatchTheRfcTable()
    {
        // Selecting 16 of the 25 reproduces the RFC's "selected" column, round by round; the first ten are the NomCom.
        var selected = Rfc3797.Select(RfcKey, 25, RfcTable.Length).Select(position => position + 1);
        Assert.That(selected, Is.EqualTo(RfcTable.Select(row => row.Selected)));
    }

    [Test]
    public void Select_RfcExample_ReproducesTheRfcResult()
    {
        // RFC 3797 section 6: the ten selected are 17 Lee, 7 Doc, 2 Mary, 16 Charity, 25 Kasczynski, 23 Envy,
        // 8 Sneazy, 24 Anger, 19 Chastity, 13 Pandora.
        Assert.That(
            Rfc3797.Select(RfcKey, RfcNames, 10),
            Is.EqualTo(new[] { "Lee", "Doc", "Mary", "Charity", "Kasczynski", "Envy", "Sneazy", "Anger", "Chastity", "Pandora" }));
        Assert.That(Rfc3797.Select(RfcKey, 25, 10), Is.EqualTo(new[] { 16, 6, 1, 15, 24, 22, 7, 23, 18, 12 }));
    }

    [Test]
    public void Select_LargestPool_IsTheReferenceCodeLimit()
    {
        // The reference code refuses pools above 65,535 (2**16-1). On the largest pool, the first pick is the RFC's first
        // digest, 0x990DD0A5…3459, modulo 65,535 = 9521 (computed with Python's int from the RFC's hex).
        Assert.That(Rfc3797.Select(RfcKey, Rfc3797.MaxPool, 1), Is.EqualTo(new[] { 9521 }));
        Assert.That(() => Rfc3797.Select(RfcKey, Rfc3797.MaxPool + 1, 1), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Select_MoreThanThePool_Throws() =>
        Assert.That(() => Rfc3797.Select(RfcKey, 3, 4), Throws.ArgumentException);
}
