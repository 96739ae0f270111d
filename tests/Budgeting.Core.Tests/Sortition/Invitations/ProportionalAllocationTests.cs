using Budgeting.Arithmetic;
using Budgeting.Sortition.Invitations;

namespace Budgeting.Core.Tests.Sortition.Invitations;

public sealed class ProportionalAllocationTests
{
    private static int[] Letters(string[] names, long[] sizes, int count, Rational[]? weights = null) =>
        ProportionalAllocation.LargestRemainder(names, sizes, weights ?? sizes.Select(_ => Rational.One).ToArray(), count)
            .Select(a => a.Letters).ToArray();

    [Test]
    public void LargestRemainder_HandExample_FloorsThenLargestRemainders()
    {
        // 10 letters over 500 + 300 + 200 + 31 = 1031 households: quotas 4.8497…, 2.9098…, 1.9398…, 0.3006…;
        // floors 4 + 2 + 1 + 0 = 7, three letters left go to the largest remainders .9098 (B), .9398 (C), .8497 (A).
        Assert.That(Letters(["A", "B", "C", "D"], [500, 300, 200, 31], 10), Is.EqualTo(new[] { 5, 3, 2, 0 }));
    }

    [Test]
    public void LargestRemainder_QuotasAreExactFractions()
    {
        var result = ProportionalAllocation.LargestRemainder(["A", "B"], [2, 1], [Rational.One, Rational.One], 2);
        // 2 × 2/3 = 4/3 and 2 × 1/3 = 2/3: floors 1 and 0, the left-over letter goes to B (2/3 > 1/3).
        Assert.That(result.Select(a => a.Quota), Is.EqualTo(new[] { new Rational(4, 3), new Rational(2, 3) }));
        Assert.That(result.Select(a => a.Letters), Is.EqualTo(new[] { 1, 1 }));
    }

    [Test]
    public void LargestRemainder_EqualRemainders_GoToTheFirstNameInOrdinalOrder()
    {
        // Three strata of 10, 4 letters: quotas 4/3 each, floors 1, one letter left; all remainders equal 1/3, so it
        // goes to the first name in ordinal order: "East" < "North" < "South" (given here out of order).
        Assert.That(Letters(["South", "East", "North"], [10, 10, 10], 4), Is.EqualTo(new[] { 1, 2, 1 }));
        // Ordinal, not culture order: uppercase "Z" (0x5A) comes before lowercase "a" (0x61).
        Assert.That(Letters(["a", "Z"], [5, 5], 1), Is.EqualTo(new[] { 0, 1 }));
    }

    [Test]
    public void LargestRemainder_Oversampling_WeightsTheHouseholds()
    {
        // Sizes 100 and 100, B weighted 3: weighted sizes 100 and 300, 8 letters → quotas 2 and 6 exactly.
        Assert.That(Letters(["A", "B"], [100, 100], 8, [Rational.One, 3]), Is.EqualTo(new[] { 2, 6 }));
        // A weight of 3/2 on A: 150 : 100, 5 letters → quotas 3 and 2.
        Assert.That(Letters(["A", "B"], [100, 100], 5, [new Rational(3, 2), Rational.One]), Is.EqualTo(new[] { 3, 2 }));
    }

    [Test]
    public void LargestRemainder_QuotaAboveTheStratumSize_IsCappedAndTheRestRedistributed()
    {
        // Small stratum S has 2 households weighted 10: weighted 20 of 20 + 100 = 120, 12 letters → quota 2 for S,
        // which is its size: S gets both households and the other 10 letters go to L.
        Assert.That(Letters(["L", "S"], [100, 2], 12, [Rational.One, 10]), Is.EqualTo(new[] { 10, 2 }));
        // Weighted 50: quota 12 × 100/200 = 6 > 2: capped at 2, L gets the remaining 10.
        Assert.That(Letters(["L", "S"], [100, 2], 12, [Rational.One, 50]), Is.EqualTo(new[] { 10, 2 }));
    }

    [Test]
    public void LargestRemainder_EmptyStratum_GetsNothing() =>
        Assert.That(Letters(["A", "B"], [0, 7], 3), Is.EqualTo(new[] { 0, 3 }));

    [Test]
    public void LargestRemainder_MoreLettersThanHouseholds_Throws() =>
        Assert.That(() => Letters(["A"], [3], 4), Throws.ArgumentException.With.Message.Contains("3 households"));
}
