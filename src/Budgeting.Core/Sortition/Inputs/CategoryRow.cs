namespace Budgeting.Sortition.Inputs;

/// <summary>One data row of the categories file, as text, before validation.</summary>
internal sealed record CategoryRow(
    int Line,
    int FieldCount,
    int ExpectedFields,
    string Feature,
    string Value,
    string Min,
    string Max,
    string? MinFlex,
    string? MaxFlex)
{
    /// <summary>The row's names for its columns, from the header, for messages.</summary>
    public required CategoriesLayout Layout { get; init; }
}
