namespace Budgeting.Sortition;

/// <summary>
/// A probability distribution over panels, as a selection algorithm outputs it, and the selection
/// probability it gives each person.
/// </summary>
/// <param name="Algorithm">The algorithm that produced it (leximin, maximin, legacy).</param>
/// <param name="Panels">The panels, each an ascending array of person indices into <see cref="Pool.People"/>.</param>
/// <param name="PanelProbabilities">The probability of each panel, parallel to <see cref="Panels"/>; they sum to 1.</param>
/// <param name="PersonProbabilities">Each person's probability of selection (the sum over panels containing them), by person index.</param>
public sealed record PanelDistribution(
    string Algorithm,
    IReadOnlyList<int[]> Panels,
    IReadOnlyList<double> PanelProbabilities,
    IReadOnlyList<double> PersonProbabilities);
