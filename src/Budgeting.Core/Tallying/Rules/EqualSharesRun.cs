using Budgeting.Arithmetic;

namespace Budgeting.Tallying.Rules;

/// <summary>
/// What one run of the Method of Equal Shares at a fixed per-voter budget produced.
/// </summary>
/// <param name="Selected">The funded projects, in funding order.</param>
/// <param name="Payments">Parallel to <paramref name="Selected"/>: what each supporter who could afford it paid per unit of weight (per approval, or per point).</param>
/// <param name="Ties">The ties met on the way (empty unless the run was asked to record them).</param>
/// <param name="MoneyBehind">When asked for: per project, what its supporters had left when the run ended; otherwise null.</param>
internal sealed record EqualSharesRun(
    IReadOnlyList<int> Selected,
    IReadOnlyList<Rational> Payments,
    IReadOnlyList<EqualSharesTie> Ties,
    Rational[]? MoneyBehind)
{
    /// <summary>What the funded projects cost together.</summary>
    public long TotalCost(IReadOnlyList<long> costs)
    {
        long total = 0;
        foreach (var p in Selected)
        {
            total += costs[p];
        }

        return total;
    }
}

/// <summary>A tie met in one round of an Equal Shares run.</summary>
/// <param name="Round">The round, counting from 1.</param>
/// <param name="Tied">The tied projects, best tie-break rank first.</param>
/// <param name="Chosen">The project the tie-break order picked.</param>
/// <param name="SupportersOverlap">Whether two tied projects share a supporter who still has money; if not, the order cannot change the funded set.</param>
internal sealed record EqualSharesTie(int Round, IReadOnlyList<int> Tied, int Chosen, bool SupportersOverlap);
