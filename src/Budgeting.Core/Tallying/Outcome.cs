namespace Budgeting.Tallying;

/// <summary>What a rule decided, and why.</summary>
/// <param name="Rule">The rule and its options, for example "equal-shares utility=cost completion=add1 integral".</param>
/// <param name="Selected">The funded projects' indices, in the order the rule funded them.</param>
/// <param name="TotalCost">What the funded projects cost together.</param>
/// <param name="Budget">The budget the rule had.</param>
/// <param name="TieBreak">The tie-breaking order used.</param>
/// <param name="Ties">The ties the rule broke.</param>
/// <param name="Explanations">Why each project was funded or not.</param>
public sealed record Outcome(
    string Rule,
    IReadOnlyList<int> Selected,
    long TotalCost,
    long Budget,
    TieBreak TieBreak,
    IReadOnlyList<Tie> Ties,
    IReadOnlyList<Explanation> Explanations)
{
    /// <summary>The budget left unspent.</summary>
    public long Leftover => Budget - TotalCost;
}
