using Budgeting.Arithmetic;
using Budgeting.Tallying.Reports;

namespace Budgeting.Core.Tests.Tallying.Reports;

public sealed class RationalTextTests
{
    // 250000 / 31 = 8064.516129…: four decimals round down to 8064.5161.
    [TestCase(250000, 31, 4, "8064.5161")]
    // 2/3 = 0.6666…: rounds up to 0.6667.
    [TestCase(2, 3, 4, "0.6667")]
    // -1/3 = -0.3333…: the sign is kept.
    [TestCase(-1, 3, 4, "-0.3333")]
    // 1/2 with no decimals: half rounds away from zero, to 1.
    [TestCase(1, 2, 0, "1")]
    // 5/4 = 1.25 exactly: trailing zeros are dropped.
    [TestCase(5, 4, 4, "1.25")]
    // -1/100000 rounds to zero at four decimals, and zero has no sign.
    [TestCase(-1, 100000, 4, "0")]
    [TestCase(12, 1, 4, "12")]
    public void Decimal_RoundsHalfAwayFromZero(long numerator, long denominator, int digits, string expected) =>
        Assert.That(RationalText.Decimal(new Rational(numerator, denominator), digits), Is.EqualTo(expected));
}
