namespace Budgeting.Api.Features.Elections;

/// <summary>The tallying rule and its options, as <c>budgeting tally</c> takes them.</summary>
/// <param name="Name">The rule: a project rule (<c>greedy</c>, <c>equal-shares</c>, …) or, for allocation ballots, an allocation rule.</param>
/// <param name="Utility">Equal Shares: <c>cost</c> or <c>cardinality</c>.</param>
/// <param name="Completion">Equal Shares: <c>none</c>, <c>add1</c> or <c>add1u</c>.</param>
/// <param name="Integral">Equal Shares with add1: start from floor(budget / voters).</param>
/// <param name="Exhaustive">Equal Shares with add1: stop at the first exhaustive outcome.</param>
/// <param name="Comparison">Equal Shares: compare with greedy.</param>
public sealed record RuleDefinition(
    string Name,
    string? Utility = null,
    string? Completion = null,
    bool Integral = false,
    bool Exhaustive = false,
    bool Comparison = false);
