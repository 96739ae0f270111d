using Budgeting.Sortition;

namespace Budgeting.Cli;

/// <summary>
/// Computes the distribution over panels for <c>draw</c>: the seam between the lottery commands and the selection
/// algorithms (leximin, maximin, legacy), so that tests can substitute a small exact selector.
/// </summary>
/// <param name="pool">The pool, read and validated.</param>
/// <param name="size">The panel size.</param>
/// <param name="algorithm">The algorithm's name.</param>
/// <returns>The distribution, or the explanation why no panel meets the quotas (conflicting quotas and relaxation).</returns>
internal delegate SelectionResult PanelSelector(Pool pool, int size, string algorithm);

/// <summary>What a <see cref="PanelSelector"/> returns.</summary>
/// <param name="Distribution">The distribution over panels, when the quotas are feasible.</param>
/// <param name="Infeasible">Otherwise, the explanation: the quotas in conflict and the suggested relaxation.</param>
internal sealed record SelectionResult(PanelDistribution? Distribution, string? Infeasible);
