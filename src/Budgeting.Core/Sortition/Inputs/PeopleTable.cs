namespace Budgeting.Sortition.Inputs;

/// <summary>The people file as text rows, with the features (and their values) it is checked against.</summary>
internal sealed record PeopleTable(
    IReadOnlyList<string> Header,
    IReadOnlyList<Formats.Csv.CsvRecord> Rows,
    IReadOnlyList<Feature> Features,
    string? IdColumn,
    IReadOnlyList<string> AddressColumns,
    int PanelSize)
{
    /// <summary>The index of the header column named <paramref name="name"/> (trimmed, ignoring case), or −1.</summary>
    public int ColumnIndex(string name)
    {
        for (var i = 0; i < Header.Count; i++)
        {
            if (string.Equals(Header[i].Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
