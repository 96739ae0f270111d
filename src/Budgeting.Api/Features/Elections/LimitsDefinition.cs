namespace Budgeting.Api.Features.Elections;

/// <summary>A ballot's limits, as in Pabulib's META (see <see cref="Budgeting.Elections.BallotLimits"/>).</summary>
/// <param name="MinLength">Fewest projects a ballot may name.</param>
/// <param name="MaxLength">Most projects a ballot may name.</param>
/// <param name="MaxSumCost">Most the chosen projects may cost together (knapsack ballots).</param>
/// <param name="MinSumPoints">Fewest points in total.</param>
/// <param name="MaxSumPoints">Most points in total.</param>
/// <param name="MinPoints">Fewest points for one project.</param>
/// <param name="MaxPoints">Most points for one project.</param>
public sealed record LimitsDefinition(
    int? MinLength = null,
    int? MaxLength = null,
    long? MaxSumCost = null,
    long? MinSumPoints = null,
    long? MaxSumPoints = null,
    long? MinPoints = null,
    long? MaxPoints = null);
