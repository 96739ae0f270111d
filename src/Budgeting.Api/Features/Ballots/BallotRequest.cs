namespace Budgeting.Api.Features.Ballots;

/// <summary>
/// A ballot as the page (or a paper import) sends it. A project vote gives <see cref="Projects"/> (best first for
/// ordinal ballots) and, for cumulative and scoring ballots, <see cref="Points"/> parallel to them. An allocation vote
/// gives <see cref="Amounts"/>: an amount for every area, by area id, adding up to exactly the budget.
/// </summary>
/// <param name="Projects">The project ids the ballot names.</param>
/// <param name="Points">The points given to each project named (cumulative and scoring ballots only).</param>
/// <param name="Amounts">The amount for each area, by area id, in the currency's smallest unit (allocation ballots only).</param>
public sealed record BallotRequest(
    IReadOnlyList<string>? Projects = null,
    IReadOnlyList<long>? Points = null,
    IReadOnlyDictionary<string, long>? Amounts = null);
