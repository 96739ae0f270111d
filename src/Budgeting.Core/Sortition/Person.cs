namespace Budgeting.Sortition;

/// <summary>A volunteer in the pool.</summary>
/// <param name="Id">The person's id: the id column's value, or the 1-based number of their data row when there is no id column.</param>
/// <param name="ValueIndices">For each feature of the pool (same order), the index of this person's value in that feature's values.</param>
/// <param name="Household">A key shared by people at the same address (for one-per-household), or null.</param>
/// <param name="Line">The 1-based line of the person's row in the people file, for error messages.</param>
/// <param name="Fields">The person's whole row as read (every column, parallel to <see cref="Pool.Columns"/>), so that
/// outputs can carry the other columns (names, contact details) through; null for pools built in code.</param>
public sealed record Person(string Id, IReadOnlyList<int> ValueIndices, string? Household = null, int Line = 0, IReadOnlyList<string>? Fields = null);
