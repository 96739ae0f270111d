namespace Budgeting.Sortition.Inputs;

/// <summary>The categories file as text rows, with the panel size its quotas are checked against.</summary>
internal sealed record CategoriesTable(IReadOnlyList<string> Header, CategoriesLayout? Layout, IReadOnlyList<CategoryRow> Rows, int PanelSize);
