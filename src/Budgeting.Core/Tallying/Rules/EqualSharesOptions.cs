namespace Budgeting.Tallying.Rules;

/// <summary>Options of the Method of Equal Shares.</summary>
/// <param name="Utility">Cost or cardinality utilities.</param>
/// <param name="Completion">What to do with money the plain method leaves unspent.</param>
/// <param name="Integral">add1: start the per-voter budget at floor(budget / voters) instead of budget / voters.</param>
/// <param name="Exhaustive">add1: stop at the first exhaustive outcome instead of the last one that does not overspend.</param>
/// <param name="Comparison">Compare the result with greedy as equalshares.net does, and take greedy's outcome when voters prefer it.</param>
public sealed record EqualSharesOptions(
    Utility Utility = Utility.Cost,
    Completion Completion = Completion.None,
    bool Integral = false,
    bool Exhaustive = false,
    bool Comparison = false);
