namespace Budgeting.Api.Features.Panel;

/// <summary>How a stored pool is read back (the <c>options</c> JSON of the <c>pools</c> table).</summary>
/// <param name="PeopleFile">The people file's name, as uploaded.</param>
/// <param name="CategoriesFile">The categories file's name, as uploaded.</param>
/// <param name="IdColumn">The id column, or null.</param>
/// <param name="AddressColumns">The address columns.</param>
/// <param name="PanelSize">The panel size at upload.</param>
public sealed record PoolOptions(string PeopleFile, string CategoriesFile, string? IdColumn, IReadOnlyList<string> AddressColumns, int PanelSize);
