using Budgeting.Tallying.Allocation;

namespace Budgeting.Elections;

/// <summary>A paper allocation ballot read from an officials' CSV file, for one panelist.</summary>
/// <param name="Line">The 1-based line of the file it was read from (line 1 is the header).</param>
/// <param name="Ballot">The ballot (its voter id is the panelist's id), already checked with <see cref="AllocationBallotValidator"/>.</param>
/// <param name="Projects">For a hierarchical budget: the project ids the panelist approves, all areas together, already
/// checked with <see cref="BallotValidator"/>; null for a plain allocation vote.</param>
public sealed record PaperAllocationBallot(int Line, AllocationBallot Ballot, IReadOnlyList<string>? Projects = null);
