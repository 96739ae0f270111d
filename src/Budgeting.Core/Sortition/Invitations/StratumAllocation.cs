using Budgeting.Arithmetic;

namespace Budgeting.Sortition.Invitations;

/// <summary>How many letters one stratum receives.</summary>
/// <param name="Name">The stratum: its values of the strata columns, trimmed, joined by <c>|</c> (for example <c>North|18-29</c>).</param>
/// <param name="Households">Households in the register whose representative row is in this stratum (rows, without household columns).</param>
/// <param name="Weight">The oversampling factor (1 unless given).</param>
/// <param name="Quota">The exact proportional share of the letters; for a stratum that is sent a letter at every household, its size.</param>
/// <param name="Letters">The letters allocated: the quota's floor, plus one for the strata with the largest remainders.</param>
public sealed record StratumAllocation(string Name, long Households, Rational Weight, Rational Quota, int Letters);
