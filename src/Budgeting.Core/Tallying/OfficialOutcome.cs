using Budgeting.Formats.Pabulib;

namespace Budgeting.Tallying;

/// <summary>
/// Reads the official outcome of the election's own rule from Pabulib's <c>selected</c> column.
/// Value 1 marks a project the rule funded. Value 2 in Poznań marks the project funded by the 80% clause of
/// <c>greedy-custom</c>, so it is part of the rule's outcome there. Elsewhere value 2 (Gdynia, Katowice), and value 3
/// in Poznań, mark projects funded later from money outside the file's budget: they are not part of the rule's outcome.
/// </summary>
public static class OfficialOutcome
{
    /// <summary>Whether the file has a <c>selected</c> column at all.</summary>
    public static bool HasSelected(IReadOnlyList<int?> selected)
    {
        ArgumentNullException.ThrowIfNull(selected);
        return selected.Any(s => s is not null);
    }

    /// <summary>Whether a <c>selected</c> value marks a project funded by the declared rule in <paramref name="unit"/>.</summary>
    /// <param name="value">The <c>selected</c> value, or null when the column is absent.</param>
    /// <param name="unit">The election's <c>unit</c> META value (the city).</param>
    public static bool IsRuleOutcome(int? value, string? unit) => value switch
    {
        1 => true,
        2 => IsPoznan(unit),
        _ => false,
    };

    /// <summary>The indices, ascending, of the projects the declared rule funded according to <c>selected</c>.</summary>
    /// <param name="selected">The <c>selected</c> value of each project index.</param>
    /// <param name="unit">The election's <c>unit</c> META value (the city).</param>
    public static IReadOnlySet<int> Projects(IReadOnlyList<int?> selected, string? unit)
    {
        ArgumentNullException.ThrowIfNull(selected);
        var set = new SortedSet<int>();
        for (var i = 0; i < selected.Count; i++)
        {
            if (IsRuleOutcome(selected[i], unit))
            {
                set.Add(i);
            }
        }

        return set;
    }

    /// <summary>The indices, ascending, of the projects the declared rule funded according to the file's <c>selected</c> column and <c>unit</c>.</summary>
    public static IReadOnlySet<int> Projects(PabulibFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return Projects(file.Selected, file.MetaValue("unit"));
    }

    private static bool IsPoznan(string? unit) =>
        string.Equals(unit?.Trim(), Rules.Official.PoznanUnit, StringComparison.OrdinalIgnoreCase);
}
