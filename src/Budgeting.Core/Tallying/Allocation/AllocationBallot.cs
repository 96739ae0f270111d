namespace Budgeting.Tallying.Allocation;

/// <summary>One panelist's proposal: an integer amount per area, in the election's area order.</summary>
/// <param name="VoterId">The panelist's identifier, unique within the vote.</param>
/// <param name="Amounts">The amounts, one per area, in the smallest currency unit.</param>
public sealed record AllocationBallot(string VoterId, IReadOnlyList<long> Amounts);
