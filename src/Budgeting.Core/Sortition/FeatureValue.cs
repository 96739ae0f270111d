namespace Budgeting.Sortition;

/// <summary>One value of a feature and its quota: how many panel members must have it.</summary>
/// <param name="Name">The value as written in the categories file (trimmed).</param>
/// <param name="Min">Fewest panel members with this value.</param>
/// <param name="Max">Most panel members with this value.</param>
/// <param name="MinFlex">The lowest the organisers accept <see cref="Min"/> being relaxed to, if given.</param>
/// <param name="MaxFlex">The highest the organisers accept <see cref="Max"/> being relaxed to, if given.</param>
public sealed record FeatureValue(string Name, int Min, int Max, int? MinFlex = null, int? MaxFlex = null);
