using Budgeting.Arithmetic;

namespace Budgeting.Tallying.Allocation;

/// <summary>How an area's share of the budget came about.</summary>
/// <param name="Area">The area's name.</param>
/// <param name="Source">What set the value.</param>
/// <param name="Value">
/// The value that was set, as a fraction of the budget: the median (moving phantoms: of the n reports and n + 1 phantoms),
/// the mean, or the coordinate-wise median before rescaling.
/// </param>
/// <param name="Phantom">For <see cref="AreaValueSource.Phantom"/>: the phantom's index k (f_0 is the highest phantom).</param>
/// <param name="VoterId">For <see cref="AreaValueSource.Report"/>: the first panelist (in input order) who reported that amount.</param>
public sealed record AreaExplanation(string Area, AreaValueSource Source, Rational Value, int? Phantom = null, string? VoterId = null);
