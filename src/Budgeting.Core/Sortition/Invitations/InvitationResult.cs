namespace Budgeting.Sortition.Invitations;

/// <summary>The outcome of a draw of invitations.</summary>
/// <param name="Rows">Data rows in the register.</param>
/// <param name="Households">Households (equal to <paramref name="Rows"/> without household columns).</param>
/// <param name="Strata">The allocation, by stratum name in ordinal order.</param>
/// <param name="Letters">Rows written to the output: one per selected household.</param>
public sealed record InvitationResult(long Rows, long Households, IReadOnlyList<StratumAllocation> Strata, int Letters);
