using System.Globalization;
using Budgeting.Formats.Pabulib;
using Budgeting.Tallying;

namespace Budgeting.Cli;

/// <summary>Puts a computed outcome into a Pabulib file's <c>selected</c> project column (1 funded, 0 not).</summary>
internal static class SelectedColumn
{
    /// <summary>
    /// A copy of <paramref name="file"/> whose <c>selected</c> column holds <paramref name="outcome"/>: the column is
    /// replaced where the file had one and appended as the last column otherwise. Everything else is kept as read.
    /// </summary>
    public static PabulibFile Apply(PabulibFile file, Outcome outcome)
    {
        var funded = new HashSet<int>(outcome.Selected);
        var columns = file.ProjectColumns.ToList();
        var column = columns.FindIndex(c => string.Equals(c, "selected", StringComparison.OrdinalIgnoreCase));
        if (column < 0)
        {
            columns.Add("selected");
            column = columns.Count - 1;
        }

        var rows = new List<IReadOnlyList<string?>>(file.ProjectRows.Count);
        for (var p = 0; p < file.ProjectRows.Count; p++)
        {
            var row = file.ProjectRows[p].ToList();
            while (row.Count < columns.Count)
            {
                row.Add(null);
            }

            row[column] = (funded.Contains(p) ? 1 : 0).ToString(CultureInfo.InvariantCulture);
            rows.Add(row);
        }

        return file with { ProjectColumns = columns, ProjectRows = rows };
    }
}
