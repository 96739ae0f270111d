namespace Budgeting.Sortition.Lottery;

/// <summary>What <see cref="LotteryDraw.Select"/> gives: a distribution over panels, or why there is none.</summary>
/// <param name="Distribution">The distribution over panels, when the quotas are feasible.</param>
/// <param name="Infeasible">Otherwise, the explanation: the quotas in conflict and the suggested relaxation.</param>
public sealed record PanelSelection(PanelDistribution? Distribution, string? Infeasible);
