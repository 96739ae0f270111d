using Budgeting.Arithmetic;

namespace Budgeting.Sortition.Invitations;

/// <summary>
/// Allocates letters to strata in proportion to their weighted sizes by the largest remainder method
/// (Hamilton's method): stratum s with size Nₛ and weight wₛ has the exact quota qₛ = n·wₛNₛ / Σ wₜNₜ, receives
/// ⌊qₛ⌋ letters, and the letters left over go one each to the strata with the largest remainders qₛ − ⌊qₛ⌋, ties
/// broken by stratum name in ordinal (code-point) order. A stratum cannot receive more letters than it has
/// households: any stratum whose quota reaches its size receives exactly its size, and the quotas of the others are
/// recomputed over the letters that remain, until no quota reaches its size.
/// </summary>
public static class ProportionalAllocation
{
    /// <summary>Allocates <paramref name="count"/> letters to the strata (names unique, sizes ≥ 0, weights &gt; 0), in the given order.</summary>
    /// <exception cref="ArgumentException">More letters than households, a negative size or a non-positive weight.</exception>
    public static IReadOnlyList<StratumAllocation> LargestRemainder(
        IReadOnlyList<string> names, IReadOnlyList<long> sizes, IReadOnlyList<Rational> weights, int count)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(weights);
        var strata = names.Count;
        if (sizes.Count != strata || weights.Count != strata)
        {
            throw new ArgumentException("names, sizes and weights must have the same length");
        }

        if (sizes.Any(s => s < 0) || weights.Any(w => w.Sign <= 0))
        {
            throw new ArgumentException("sizes must be non-negative and weights positive");
        }

        var total = sizes.Sum();
        if (count < 0 || count > total)
        {
            throw new ArgumentException($"cannot send {count} letters to {total} households");
        }

        var letters = new int[strata];
        var quotas = new Rational[strata];
        var active = Enumerable.Range(0, strata).Where(s => sizes[s] > 0).ToList();
        var remaining = count;
        while (true)
        {
            var weighted = active.Aggregate(Rational.Zero, (sum, s) => sum + weights[s] * sizes[s]);
            foreach (var s in active)
            {
                quotas[s] = weighted.IsZero ? Rational.Zero : (Rational)remaining * weights[s] * sizes[s] / weighted;
            }

            var full = active.Where(s => quotas[s] >= sizes[s]).ToList();
            if (full.Count == 0)
            {
                break;
            }

            foreach (var s in full)
            {
                quotas[s] = sizes[s];
                letters[s] = (int)sizes[s];
                remaining -= (int)sizes[s];
                active.Remove(s);
            }
        }

        foreach (var s in active)
        {
            letters[s] = (int)quotas[s].Floor();
            remaining -= letters[s];
        }

        var byRemainder = active
            .OrderByDescending(s => quotas[s] - Rational.FromInteger(quotas[s].Floor()))
            .ThenBy(s => names[s], StringComparer.Ordinal)
            .Take(remaining);
        foreach (var s in byRemainder)
        {
            letters[s]++;
        }

        return Enumerable.Range(0, strata)
            .Select(s => new StratumAllocation(names[s], sizes[s], weights[s], sizes[s] == 0 ? Rational.Zero : quotas[s], letters[s]))
            .ToList();
    }

}
