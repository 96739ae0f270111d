using Budgeting.Api.Features.Elections;

namespace Budgeting.Api.Features.Ballots;

/// <summary>What the ballot page needs: the election as a panelist sees it, and the panelist's current ballot.</summary>
/// <param name="ElectionId">The election.</param>
/// <param name="City">The city.</param>
/// <param name="Title">The election's title.</param>
/// <param name="Currency">ISO 4217 code.</param>
/// <param name="Budget">The budget, in the currency's smallest unit.</param>
/// <param name="BallotKind">The ballot kind (<c>approval</c>, …, <c>allocation</c>).</param>
/// <param name="Limits">The ballot's limits (empty when none).</param>
/// <param name="Projects">The projects with cost and description (project votes).</param>
/// <param name="Areas">The areas with their floors and ceilings (allocation votes).</param>
/// <param name="Stage">The election's stage.</param>
/// <param name="VotingOpen">Whether ballots are accepted now.</param>
/// <param name="Ballot">The panelist's current ballot, or <see langword="null"/> before the first submission.</param>
public sealed record BallotPageView(
    long ElectionId,
    string City,
    string Title,
    string Currency,
    long Budget,
    string BallotKind,
    LimitsDefinition Limits,
    IReadOnlyList<ProjectDefinition> Projects,
    IReadOnlyList<AreaDefinition> Areas,
    string Stage,
    bool VotingOpen,
    BallotView? Ballot);
