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

    // RFC 3797 section 4, step 1, by hand: no leading zeros (a single 0 for a zero integer part), no trailing zeros
    // after the period, the period ending an integer or separating the whole and fractional parts.
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
    public void Canonical_DecimalNumbers_FollowSectionFour(string number, string expected) =>
        Assert.That(Rfc3797KeyBuilder.Canonical(number), Is.EqualTo(expected));

    [Test]
    public void KeyBuilder_DecimalSources_AreCanonicalAndSortedByValue()
    {
        // By hand: 9319.27 alone is "9319.27/"; 12.50, 3, 0.75, 007 sort by value to 0.75 < 3 < 7 < 12.5 and are
        // written "0.75" "3." "7." "12.5", then "/". (docs/randomness-reference.py prints the same key.)
        var key = new Rfc3797KeyBuilder().Add("9319.27").Add("12.50, 3, 0.75, 007").Build();
        Assert.That(key, Is.EqualTo("9319.27/0.753.7.12.5/"));
    }

    [Test]
    public void KeyBuilder_FractionsCompareByValue_NotByLength()
    {
        // 0.25 < 0.5 < 0.51 < 1: fractions compared as digit strings after dropping trailing zeros ("25" < "5" < "51").
        var key = new Rfc3797KeyBuilder().Add("1, 0.51, 0.50, 0.25").Build();
        Assert.That(key, Is.EqualTo("0.250.50.511./"));
    }

    [Test]
    public void Select_DecimalKey_MatchesTheReferenceScript()
    {
        // docs/randomness-reference.py: "rfc3797 25 choose 5 with it: [21, 8, 12, 3, 25]" for the key above.
        var selected = Rfc3797.Select("9319.27/0.753.7.12.5/", RfcNames, 5);
        Assert.That(selected, Is.EqualTo(new[] { "Pride", "Sneazy", "Pendragon", "Bashful", "Kasczynski" }));
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
