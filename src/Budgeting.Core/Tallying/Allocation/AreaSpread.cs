namespace Budgeting.Tallying.Allocation;

/// <summary>
/// The spread of the proposals for one area, in currency units: the smallest, the lower quartile, the median, the upper
/// quartile and the largest proposal. Quartiles are nearest-rank: the q-quantile of n sorted proposals is the
/// ⌈q·n⌉-th smallest (the median of an even count is the lower middle one).
/// </summary>
/// <param name="Area">The area.</param>
/// <param name="Min">The smallest proposal.</param>
/// <param name="LowerQuartile">The ⌈n/4⌉-th smallest.</param>
/// <param name="Median">The ⌈n/2⌉-th smallest.</param>
/// <param name="UpperQuartile">The ⌈3n/4⌉-th smallest.</param>
/// <param name="Max">The largest proposal.</param>
public sealed record AreaSpread(string Area, long Min, long LowerQuartile, long Median, long UpperQuartile, long Max);
