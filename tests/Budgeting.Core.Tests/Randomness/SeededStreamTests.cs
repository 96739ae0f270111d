using System.Globalization;
using Budgeting.Randomness;

namespace Budgeting.Core.Tests.Randomness;

/// <summary>
/// The test vectors of docs/randomness.md. Every expected value was computed by the independent Python reference
/// (docs/randomness-reference.py, hashlib only), not by this code.
/// </summary>
public sealed class SeededStreamTests
{
    private const string RfcKey = "9319./2.5.8.10.12./9.18.26.34.41.45./";

    private static ulong Hex(string text) => ulong.Parse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    [TestCase("", new[] { "3e7077fd2f66d689", "e0cee6a7cf5b37bf", "2dca7c979af356d0", "a31cbc5c85605c7d", "2ae1c19c0cbd378e" })]
    [TestCase(RfcKey, new[] { "813dd6919209649d", "a485465f8376d7ab", "0f0d35e489ddd01a", "63582d7f364a9e0a", "523e57cde7de9d07" })]
    // Non-ASCII: the seed is hashed as UTF-8 ("ü" is the two bytes C3 BC).
    [TestCase("Zürich 2026", new[] { "cf16eadd9eea6dfc", "0797713f8cb3bb87", "22fda8de3f900220", "5994cdd37e81ca3a", "da2f6db563c1c9f9" })]
    public void NextUInt64_FirstFive_MatchTheReferenceVectors(string seed, string[] expected)
    {
        var stream = new SeededStream(seed);
        var actual = Enumerable.Range(0, 5).Select(_ => stream.NextUInt64()).ToArray();
        Assert.That(actual, Is.EqualTo(expected.Select(Hex).ToArray()));
    }

    [Test]
    public void NextUInt64_FifthValue_ComesFromTheSecondBlock()
    {
        // Four values per 32-byte block: the fifth value is the first 8 bytes of block 1, so a stream that forgot to
        // advance the counter (or read little-endian) would differ here. Reference: '' → 2ae1c19c0cbd378e.
        var stream = new SeededStream("");
        for (var i = 0; i < 4; i++)
        {
            stream.NextUInt64();
        }

        Assert.That(stream.NextUInt64(), Is.EqualTo(Hex("2ae1c19c0cbd378e")));
    }

    [Test]
    public void NextBelow_Ten_MatchesTheReference()
    {
        var stream = new SeededStream(RfcKey);
        var actual = Enumerable.Range(0, 12).Select(_ => stream.NextBelow(10)).ToArray();
        Assert.That(actual, Is.EqualTo(new ulong[] { 1, 7, 6, 0, 3, 5, 2, 6, 3, 8, 1, 2 }));
    }

    [Test]
    public void NextBelow_Six_MatchesTheReference()
    {
        var stream = new SeededStream(RfcKey);
        var actual = Enumerable.Range(0, 12).Select(_ => stream.NextBelow(6)).ToArray();
        Assert.That(actual, Is.EqualTo(new ulong[] { 1, 5, 4, 4, 3, 3, 4, 0, 1, 2, 3, 4 }));
    }

    [Test]
    public void NextBelow_BoundJustAboveHalfTheRange_RejectsAndMatchesTheReference()
    {
        // bound = 2^63 + 1: 2^64 mod bound = 2^63 − 1, so every value ≥ 2^63 + 1 is rejected (about half). Seed
        // 'rejection' starts 961016fa… (rejected) then 7cd78cc2… = 8995813549241257829 (kept); six results consume
        // 14 values, and the next raw value is the stream's 15th, 316ba25c11824a7a.
        var stream = new SeededStream("rejection");
        var bound = (1UL << 63) + 1;
        var actual = Enumerable.Range(0, 6).Select(_ => stream.NextBelow(bound)).ToArray();
        Assert.That(actual, Is.EqualTo(new[]
        {
            8995813549241257829UL, 3381948743328789077UL, 561911462375444771UL,
            7683603170324623030UL, 8818639240622694173UL, 8380990084959001689UL,
        }));
        Assert.That(stream.NextUInt64(), Is.EqualTo(Hex("316ba25c11824a7a")));
    }

    [Test]
    public void NextBelow_One_IsZeroAndStillConsumesAValue()
    {
        // The spec: NextBelow always reads at least one value, even for bound 1. Reference '' second value e0cee6a7….
        var stream = new SeededStream("");
        Assert.That(stream.NextBelow(1), Is.Zero);
        Assert.That(stream.NextUInt64(), Is.EqualTo(Hex("e0cee6a7cf5b37bf")));
    }

    [Test]
    public void NextBelow_Zero_Throws() =>
        Assert.That(() => new SeededStream("x").NextBelow(0), Throws.InstanceOf<ArgumentOutOfRangeException>());

    [Test]
    public void Shuffle_TenLetters_MatchesTheReference()
    {
        var items = "ABCDEFGHIJ".ToCharArray();
        new SeededStream(RfcKey).Shuffle(items.AsSpan());
        Assert.That(new string(items), Is.EqualTo("HGFEADJICB"));
    }

    [Test]
    public void Shuffle_SameSeed_SameOrder_DifferentSeed_DifferentOrder()
    {
        var a = Enumerable.Range(0, 50).ToArray();
        var b = Enumerable.Range(0, 50).ToArray();
        var c = Enumerable.Range(0, 50).ToArray();
        new SeededStream("one").Shuffle(a.AsSpan());
        new SeededStream("one").Shuffle(b.AsSpan());
        new SeededStream("two").Shuffle(c.AsSpan());
        Assert.That(a, Is.EqualTo(b));
        Assert.That(a, Is.Not.EqualTo(c));
        Assert.That(a.Order(), Is.EqualTo(Enumerable.Range(0, 50)));
    }
}
