namespace Budgeting.Formats.Csv;

/// <summary>One record (row) of a CSV file.</summary>
/// <param name="Line">The 1-based line on which the record starts (a quoted field may span lines).</param>
/// <param name="Fields">The record's fields, unquoted, in column order.</param>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);
