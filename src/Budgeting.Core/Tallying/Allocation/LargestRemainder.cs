using Budgeting.Arithmetic;

namespace Budgeting.Tallying.Allocation;

/// <summary>
/// Rounds exact shares of a budget to whole amounts by the largest remainder method: every area gets the floor of its
/// share times the budget, and the units left over go one each to the areas with the largest fractional parts, ties
/// going to the earlier area.
/// </summary>
public static class LargestRemainder
{
    /// <summary>Rounds <paramref name="fractions"/> (non-negative, adding up to exactly 1) of <paramref name="budget"/>.</summary>
    /// <exception cref="ArgumentException">A fraction is negative or they do not add up to 1.</exception>
    public static long[] Round(IReadOnlyList<Rational> fractions, long budget)
    {
        ArgumentNullException.ThrowIfNull(fractions);
        var sum = Rational.Zero;
        foreach (var f in fractions)
        {
            if (f.Sign < 0)
            {
                throw new ArgumentException("A share is negative.", nameof(fractions));
            }

            sum += f;
        }

        if (sum != Rational.One)
        {
            throw new ArgumentException($"The shares add up to {sum}, not 1.", nameof(fractions));
        }

        var amounts = new long[fractions.Count];
        var remainders = new Rational[fractions.Count];
        long given = 0;
        for (var j = 0; j < fractions.Count; j++)
        {
            var exact = fractions[j] * budget;
            var floor = exact.Floor();
            amounts[j] = (long)floor;
            remainders[j] = exact - Rational.FromInteger(floor);
            given += amounts[j];
        }

        var order = Enumerable.Range(0, fractions.Count)
            .OrderByDescending(j => remainders[j])
            .ThenBy(j => j)
            .ToArray();
        for (var i = 0; given < budget; i++, given++)
        {
            amounts[order[i]]++;
        }

        return amounts;
    }
}
