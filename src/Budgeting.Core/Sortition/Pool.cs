namespace Budgeting.Sortition;

/// <summary>The volunteers and the features with their quotas.</summary>
/// <param name="Features">The features, in the categories file's order.</param>
/// <param name="People">The volunteers, in the people file's order. Panels refer to them by index.</param>
public sealed record Pool(IReadOnlyList<Feature> Features, IReadOnlyList<Person> People);
