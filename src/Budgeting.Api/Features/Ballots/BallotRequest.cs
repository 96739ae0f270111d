namespace Budgeting.Api.Features.Ballots;

/// <summary>
/// A ballot as the page (or a paper import) sends it. A project vote gives <see cref="Projects"/> (best first for
/// ordinal ballots) and, for cumulative and scoring ballots, <see cref="Points"/> parallel to them. An allocation vote
/// gives <see cref="Amounts"/>: an amount for every area, by area id, adding up to exactly the budget. In a hierarchical
/// budget it also gives <see cref="AreaProjects"/>: per area, the projects of that area the panelist approves.
/// </summary>
/// <param name="Projects">The project ids the ballot names.</param>
/// <param name="Points">The points given to each project named (cumulative and scoring ballots only).</param>
/// <param name="Amounts">The amount for each area, by area id, in the currency's smallest unit (allocation ballots only).</param>
/// <param name="AreaProjects">Hierarchical budgets only: by area id, the ids of the area's projects the panelist approves
/// (an area left out, or an empty list, approves none).</param>
public sealed record BallotRequest(
    IReadOnlyList<string>? Projects = null,
    IReadOnlyList<long>? Points = null,
    IReadOnlyDictionary<string, long>? Amounts = null,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? AreaProjects = null);
