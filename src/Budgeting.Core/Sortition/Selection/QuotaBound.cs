namespace Budgeting.Sortition.Selection;

/// <summary>One bound of one quota, as named in a feasibility report.</summary>
/// <param name="Feature">The feature's name.</param>
/// <param name="Value">The value's name.</param>
/// <param name="Side">Whether it is the minimum or the maximum.</param>
/// <param name="Bound">The bound as given in the categories file.</param>
public sealed record QuotaBound(string Feature, string Value, QuotaSide Side, int Bound)
{
    /// <summary>The bound in words, such as <c>gender=female min 9</c>.</summary>
    public override string ToString() => $"{Feature}={Value} {(Side == QuotaSide.Min ? "min" : "max")} {Bound}";
}
