namespace Budgeting.Sortition.Selection;

/// <summary>How to replace panel members who dropped out.</summary>
/// <param name="Kept">The members who stay (person indices, ascending).</param>
/// <param name="Candidates">The people who may replace them: not on the panel, not excluded (earlier
/// rounds' dropouts) and in no kept member's household (ascending).</param>
/// <param name="Distribution">A distribution over replacement sets (person indices into the original pool, each set the
/// size of the dropouts), produced by the chosen algorithm on the residual problem; kept ∪ any set is a valid panel.
/// Person probabilities are indexed by the original pool.</param>
public sealed record ReplacementDistribution(IReadOnlyList<int> Kept, IReadOnlyList<int> Candidates, PanelDistribution Distribution);
