namespace Budgeting.Api.Features.Elections;

/// <summary>
/// Everything an official sets up for an election: what the panel votes on and how the votes are counted.
/// It may change until voting opens, and is frozen from then on.
/// </summary>
/// <param name="City">The city (Pabulib <c>unit</c>).</param>
/// <param name="Title">The election's title.</param>
/// <param name="Currency">ISO 4217 code, for example <c>EUR</c>.</param>
/// <param name="Budget">The budget, in the currency's smallest unit.</param>
/// <param name="BallotKind"><c>approval</c>, <c>choose-1</c>, <c>cumulative</c>, <c>scoring</c>, <c>ordinal</c> or <c>allocation</c>.</param>
/// <param name="Limits">The ballot's limits; absent limits are not enforced.</param>
/// <param name="Rule">The tallying rule and its options.</param>
/// <param name="TieBreak">The tie-breaking order, for example <c>min-cost,max-votes,id</c>.</param>
/// <param name="PanelSize">How many panelists the lottery draws.</param>
/// <param name="Projects">The projects, in the order the ballot page lists them.</param>
/// <param name="Areas">For allocation ballots: the policy areas the budget is split across (with their projects in a hierarchical budget).</param>
/// <param name="ProjectRule">Hierarchical budget: the tally rule of the project vote in every area that does not name its own.</param>
public sealed record ElectionDefinition(
    string City,
    string Title,
    string Currency,
    long Budget,
    string BallotKind,
    LimitsDefinition? Limits,
    RuleDefinition Rule,
    string? TieBreak,
    int PanelSize,
    IReadOnlyList<ProjectDefinition> Projects,
    IReadOnlyList<AreaDefinition>? Areas = null,
    RuleDefinition? ProjectRule = null);
