using Budgeting.Arithmetic;

namespace Budgeting.Tallying.Rules;

/// <summary>
/// What one run of the Method of Equal Shares at a fixed per-voter budget produced.
/// </summary>
/// <param name="Selected">The funded projects, in funding order.</param>
/// <param name="Payments">Parallel to <paramref name="Selected"/>: what each supporter who could afford it paid per unit of weight (per approval, or per point).</param>
/// <param name="Ties">The ties met on the way (empty unless the run was asked to record them).</param>
/// <param name="MoneyBehind">When asked for: per project, what its supporters had left when the run ended, as display text ("174" or "≈35072.78", exact to the hundredth shown); otherwise null.</param>
internal sealed record EqualSharesRun(
    IReadOnlyList<int> Selected,
    IReadOnlyList<Rational> Payments,
    IReadOnlyList<EqualSharesTie> Ties,
    string[]? MoneyBehind)
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
