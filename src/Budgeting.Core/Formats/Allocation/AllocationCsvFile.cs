using Budgeting.Tallying.Allocation;

namespace Budgeting.Formats.Allocation;

/// <summary>An allocation vote read from a CSV file.</summary>
/// <param name="Election">The areas (in header order), budget, floors and ceilings.</param>
/// <param name="Ballots">The ballots, in file order.</param>
/// <param name="Lines">The line on which each ballot starts.</param>
public sealed record AllocationCsvFile(AllocationElection Election, IReadOnlyList<AllocationBallot> Ballots, IReadOnlyList<int> Lines);
