using Budgeting.Sortition;
using Budgeting.Sortition.Selection;

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
        try
        {
            if (algorithm == "legacy")
            {
                // The greedy algorithm only notices infeasibility by failing; ask the feasibility check for the explanation.
                var report = PanelFeasibility.Check(pool, size);
                if (!report.Feasible)
                {
                    return new SelectionResult(null, report.Describe());
                }
            }

            return new SelectionResult(SelectionAlgorithms.Create(algorithm).Select(pool, size), null);
        }
        catch (InfeasibleQuotasException e)
        {
            return new SelectionResult(null, e.Message);
        }
    }
}
