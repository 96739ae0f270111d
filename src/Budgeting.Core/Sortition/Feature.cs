namespace Budgeting.Sortition;

/// <summary>A feature the panel is stratified on (gender, age bracket, district…) with its values' quotas.</summary>
/// <param name="Name">The feature's name, as in the categories file and the people file's column header.</param>
/// <param name="Values">Its values, in the categories file's order.</param>
public sealed record Feature(string Name, IReadOnlyList<FeatureValue> Values);
