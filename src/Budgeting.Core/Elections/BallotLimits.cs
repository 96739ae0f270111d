namespace Budgeting.Elections;

/// <summary>
/// The limits a ballot must respect, as declared by the election (Pabulib META keys
/// <c>min_length</c>, <c>max_length</c>, <c>max_sum_cost</c>, <c>min_sum_points</c>,
/// <c>max_sum_points</c>, <c>min_points</c>, <c>max_points</c>). A <see langword="null"/> limit is not enforced.
/// </summary>
/// <param name="MinLength">Fewest projects a ballot may name.</param>
/// <param name="MaxLength">Most projects a ballot may name.</param>
/// <param name="MaxSumCost">Most a ballot's projects may cost together (knapsack ballots).</param>
/// <param name="MinSumPoints">Fewest points a ballot may hand out in total.</param>
/// <param name="MaxSumPoints">Most points a ballot may hand out in total.</param>
/// <param name="MinPoints">Fewest points a single project may receive from one ballot.</param>
/// <param name="MaxPoints">Most points a single project may receive from one ballot.</param>
public sealed record BallotLimits(
    int? MinLength = null,
    int? MaxLength = null,
    long? MaxSumCost = null,
    long? MinSumPoints = null,
    long? MaxSumPoints = null,
    long? MinPoints = null,
    long? MaxPoints = null)
{
    /// <summary>Limits that accept every ballot.</summary>
    public static BallotLimits None { get; } = new();
}
