namespace Budgeting.Tallying.Allocation;

/// <summary>What is wrong with one field of an allocation ballot.</summary>
/// <param name="Field">The field: an area's name, <c>voter_id</c>, or <c>total</c> for the sum of the amounts.</param>
/// <param name="Message">What is wrong, as a sentence for people.</param>
public sealed record AllocationBallotProblem(string Field, string Message);
