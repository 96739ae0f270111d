namespace Budgeting.Sortition.Inputs;

/// <summary>How to read the people file.</summary>
/// <param name="IdColumn">The column holding each person's id; null when there is none, and then a person's id is the
/// 1-based number of their data row (the header is row 0).</param>
/// <param name="AddressColumns">Columns that together form a household's address (for one-per-household); people whose
/// address fields are equal after trimming and ignoring case share a household. Null or empty: no household rule.</param>
public sealed record SortitionInputOptions(string? IdColumn = null, IReadOnlyList<string>? AddressColumns = null);
