using Budgeting.Sortition;
using Budgeting.Sortition.Lottery;

namespace Budgeting.Cli;

/// <summary>The selection algorithms <c>draw</c> runs.</summary>
internal static class PanelSelectors
{
    /// <summary>
    /// The production selector: the sortition engine's leximin, maximin or legacy algorithm; when no panel meets the quotas,
    /// the feasibility report (the conflicting quotas and the smallest relaxation within min_flex/max_flex).
    /// </summary>
    public static SelectionResult Default(Pool pool, int size, string algorithm)
    {
        var selection = LotteryDraw.Select(pool, size, algorithm);
        return new SelectionResult(selection.Distribution, selection.Infeasible);
    }
}
