namespace Budgeting.Tallying;

/// <summary>A tie a rule had to break.</summary>
/// <param name="Step">Where it happened, for example "round 3" or "position 12 of the greedy order".</param>
/// <param name="ProjectIds">The tied projects.</param>
/// <param name="ChosenIds">The projects the tie-break order put first.</param>
/// <param name="OutcomeChanging">Whether breaking it another way would have funded a different set of projects.</param>
public sealed record Tie(string Step, IReadOnlyList<string> ProjectIds, IReadOnlyList<string> ChosenIds, bool OutcomeChanging);
