namespace Budgeting.Sortition.Selection;

/// <summary>
/// The selection probabilities of the legacy greedy algorithm, estimated from repeated runs, with a confidence
/// interval on the lowest one.
/// </summary>
/// <param name="Distribution">The empirical distribution: each panel drawn, with its share of the runs.</param>
/// <param name="Runs">How many panels were drawn.</param>
/// <param name="FailedAttempts">How many attempts dead-ended and were restarted (the Sortition Foundation's algorithm restarts on failure).</param>
/// <param name="MinimumPerson">The index of a person with the lowest estimated probability (the first such).</param>
/// <param name="MinimumProbability">That person's estimated probability: times selected / <paramref name="Runs"/>.</param>
/// <param name="ConfidenceLevel">The confidence level of the intervals, such as 0.99.</param>
/// <param name="WilsonLower">The Wilson score interval's lower end for that person's probability.</param>
/// <param name="WilsonUpper">The Wilson score interval's upper end.</param>
/// <param name="JeffreysUpper">The one-sided Jeffreys upper bound at <paramref name="ConfidenceLevel"/> (the Beta(x + ½, n − x + ½) quantile), as Flanigan et al. report it.</param>
public sealed record LegacyEstimate(
    PanelDistribution Distribution,
    int Runs,
    int FailedAttempts,
    int MinimumPerson,
    double MinimumProbability,
    double ConfidenceLevel,
    double WilsonLower,
    double WilsonUpper,
    double JeffreysUpper);
