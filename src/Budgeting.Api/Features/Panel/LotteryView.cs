namespace Budgeting.Api.Features.Panel;

/// <summary>A lottery round: round 0 is the panel draw, rounds 1, 2, … replace dropouts.</summary>
/// <param name="Round">The round.</param>
/// <param name="Sha256">SHA-256 of the round's <c>lottery.json</c>: publish it before the seed.</param>
/// <param name="Algorithm">The selection algorithm.</param>
/// <param name="Slots">The number of slots m.</param>
/// <param name="Size">How many people each slot holds (the panel size, or the number of dropouts).</param>
/// <param name="Dropouts">The dropouts a replacement round replaces (empty for round 0).</param>
/// <param name="CommittedAt">When the lottery was committed (UTC).</param>
/// <param name="Seed">The revealed seed, or null before the reveal.</param>
/// <param name="ChosenIndex">The 0-based slot the seed chose, or null before the reveal.</param>
/// <param name="Chosen">The chosen slot's person ids (empty before the reveal).</param>
/// <param name="RevealedAt">When the seed was revealed (UTC), or null.</param>
public sealed record LotteryView(
    int Round,
    string Sha256,
    string Algorithm,
    int Slots,
    int Size,
    IReadOnlyList<string> Dropouts,
    string CommittedAt,
    string? Seed,
    int? ChosenIndex,
    IReadOnlyList<string> Chosen,
    string? RevealedAt);
