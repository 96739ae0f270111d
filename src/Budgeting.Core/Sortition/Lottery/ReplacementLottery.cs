using Budgeting.Sortition.Selection;

namespace Budgeting.Sortition.Lottery;

/// <summary>
/// The verifiable replacement draw after dropouts (issue 3, section 6): <see cref="Replacements.Plan"/> gives the
/// distribution over replacement sets, which is rounded to a uniform lottery over m slots exactly as the first draw
/// (<see cref="LotteryRounding.Round(PanelDistribution, Pool, int)"/>); the published seed then picks slot
/// <see cref="PanelChoice.Index"/>. Every slot, joined with the members who stay, is checked to meet the original
/// quotas and households.
/// </summary>
public static class ReplacementLottery
{
    /// <summary>
    /// The replacement lottery for <paramref name="dropouts"/> of <paramref name="panel"/> (person indices into
    /// <paramref name="pool"/>), over <paramref name="m"/> slots.
    /// </summary>
    /// <param name="pool">The pool the panel was drawn from.</param>
    /// <param name="panel">The panel (person indices).</param>
    /// <param name="dropouts">The members who dropped out (a subset of the panel).</param>
    /// <param name="algorithm">The algorithm to use on the residual problem.</param>
    /// <param name="m">The number of slots.</param>
    /// <param name="excluded">People who may not be drawn as replacements (see <see cref="Replacements.Plan"/>); none when null.</param>
    /// <returns>The residual distribution (members kept, candidates, distribution) and its rounded lottery.</returns>
    /// <exception cref="ArgumentException">There are no dropouts, a dropout is named twice or is not on the panel.</exception>
    /// <exception cref="InfeasibleQuotasException">No replacement set restores the quotas.</exception>
    /// <exception cref="InvalidOperationException">A slot joined with the kept members breaks a rule (a bug).</exception>
    public static (ReplacementDistribution Plan, UniformLottery Lottery) Create(
        Pool pool, IReadOnlyList<int> panel, IReadOnlyList<int> dropouts, ISelectionAlgorithm algorithm, int m = LotteryRounding.DefaultSlots, IReadOnlyCollection<int>? excluded = null)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(dropouts);
        if (dropouts.Count == 0)
        {
            throw new ArgumentException("There must be at least one dropout.", nameof(dropouts));
        }

        if (dropouts.Distinct().Count() != dropouts.Count)
        {
            throw new ArgumentException("A dropout is named twice.", nameof(dropouts));
        }

        var plan = Replacements.Plan(pool, panel, dropouts, algorithm, excluded);
        var lottery = LotteryRounding.Round(plan.Distribution, pool, m);
        foreach (var slot in lottery.Slots.Distinct(PanelComparer.Instance))
        {
            var problems = PanelCheck.Violations(pool, Panel(plan, slot), panel.Count);
            if (problems.Count > 0)
            {
                throw new InvalidOperationException($"A replacement set gives a panel that {problems[0]}.");
            }
        }

        return (plan, lottery);
    }

    /// <summary>The new panel: the kept members and the replacement set <paramref name="replacements"/>, ascending.</summary>
    public static int[] Panel(ReplacementDistribution plan, IReadOnlyList<int> replacements)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(replacements);
        return [.. plan.Kept.Concat(replacements).Order()];
    }
}
