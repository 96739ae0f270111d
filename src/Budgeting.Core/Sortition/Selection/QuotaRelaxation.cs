namespace Budgeting.Sortition.Selection;

/// <summary>A proposed change to one quota that makes the panel feasible.</summary>
/// <param name="Feature">The feature's name.</param>
/// <param name="Value">The value's name.</param>
/// <param name="Min">The current minimum.</param>
/// <param name="Max">The current maximum.</param>
/// <param name="NewMin">The proposed minimum (≥ min_flex).</param>
/// <param name="NewMax">The proposed maximum (≤ max_flex).</param>
public sealed record QuotaRelaxation(string Feature, string Value, int Min, int Max, int NewMin, int NewMax)
{
    /// <summary>The change in words, such as <c>gender=female: min 9 → 8</c>.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (NewMin != Min)
        {
            parts.Add($"min {Min} → {NewMin}");
        }

        if (NewMax != Max)
        {
            parts.Add($"max {Max} → {NewMax}");
        }

        return $"{Feature}={Value}: {string.Join(", ", parts)}";
    }
}
