namespace Budgeting.Sortition;

/// <summary>The volunteers and the features with their quotas.</summary>
/// <param name="Features">The features, in the categories file's order.</param>
/// <param name="People">The volunteers, in the people file's order. Panels refer to them by index.</param>
/// <param name="Columns">The people file's header (every column, in file order), parallel to each <see cref="Person.Fields"/>; null for pools built in code.</param>
public sealed record Pool(IReadOnlyList<Feature> Features, IReadOnlyList<Person> People, IReadOnlyList<string>? Columns = null);
