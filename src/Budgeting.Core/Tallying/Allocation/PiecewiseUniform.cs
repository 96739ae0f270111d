namespace Budgeting.Tallying.Allocation;

/// <summary>
/// Piecewise Uniform (Caragiannis, Christodoulou, Protopapas, "Truthful aggregation of budget proposals with
/// proportionality guarantees", AAAI 2022, arXiv 2203.09971, section "Upper Bounds"): a moving phantom mechanism whose
/// phantoms, at each t, are spread evenly over two pieces of [0, 1] (see docs/rules.md for the definition and where it
/// was read). Truthful as every moving phantom mechanism is, proportional, and for three areas its worst-case l1
/// distance from the mean, 2/3, is the best a moving phantom mechanism can have.
/// </summary>
public sealed class PiecewiseUniform : IAllocationRule
{
    /// <inheritdoc/>
    public string Name => "piecewise-uniform";

    /// <inheritdoc/>
    public AllocationOutcome Allocate(AllocationElection election, IReadOnlyList<AllocationBallot> ballots) =>
        MovingPhantom.Allocate(Name, PiecewiseUniformPhantoms.Instance, election, ballots);
}
