using Budgeting.Tallying.Allocation;

namespace Budgeting.Elections;

/// <summary>A paper allocation ballot read from an officials' CSV file, for one panelist.</summary>
/// <param name="Line">The 1-based line of the file it was read from (line 1 is the header).</param>
/// <param name="Ballot">The ballot (its voter id is the panelist's id), already checked with <see cref="AllocationBallotValidator"/>.</param>
public sealed record PaperAllocationBallot(int Line, AllocationBallot Ballot);
