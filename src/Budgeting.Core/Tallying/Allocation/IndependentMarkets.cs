namespace Budgeting.Tallying.Allocation;

/// <summary>
/// Independent Markets (Freeman, Pennock, Peters, Wortman Vaughan, "Truthful aggregation of budget proposals", EC 2019 /
/// JET 2021, arXiv 1905.00457): the moving phantom mechanism with phantoms f_k(t) = min(t·(n − k), 1), k = 0 … n.
/// Truthful for panelists who measure an outcome by its l1 distance to their proposal, and proportional: when every
/// panelist puts the whole budget in one area, each area gets its share of the panelists.
/// </summary>
public sealed class IndependentMarkets : IAllocationRule
{
    /// <inheritdoc/>
    public string Name => "independent-markets";

    /// <inheritdoc/>
    public AllocationOutcome Allocate(AllocationElection election, IReadOnlyList<AllocationBallot> ballots) =>
        MovingPhantom.Allocate(Name, IndependentMarketsPhantoms.Instance, election, ballots);
}
