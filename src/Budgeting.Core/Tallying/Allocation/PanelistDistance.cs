using Budgeting.Arithmetic;

namespace Budgeting.Tallying.Allocation;

/// <summary>How far the outcome is from one panelist's proposal.</summary>
/// <param name="VoterId">The panelist.</param>
/// <param name="Distance">The l1 distance Σ_j |outcome_j − proposal_j|, in currency units, with the outcome's exact (unrounded) amounts.</param>
public sealed record PanelistDistance(string VoterId, Rational Distance);
