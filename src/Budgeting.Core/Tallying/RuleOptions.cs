using Budgeting.Tallying.Rules;

namespace Budgeting.Tallying;

/// <summary>
/// A rule chosen by name, with the options a user gave for it, as the CLI and the web service take them.
/// An option left <see langword="null"/> (or <see langword="false"/>) was not given; <see cref="RuleCatalog.Create"/>
/// refuses an option that the named rule does not take rather than silently ignoring it.
/// </summary>
/// <param name="Rule">The rule's name, one of <see cref="RuleCatalog.Names"/>, for example <c>equal-shares</c>.</param>
/// <param name="Utility">Equal Shares: cost or cardinality utilities (default cost).</param>
/// <param name="Completion">Equal Shares: what to do with money the plain method leaves unspent (default none).</param>
/// <param name="Integral">Equal Shares with add1 completion: start from floor(budget / voters).</param>
/// <param name="Exhaustive">Equal Shares with add1 completion: stop at the first exhaustive outcome.</param>
/// <param name="Comparison">Equal Shares: compare with greedy and keep greedy's outcome when voters prefer it.</param>
/// <param name="TieBreak">The tie-breaking order; <see cref="Tallying.TieBreak.Default"/> when <see langword="null"/>.</param>
/// <param name="Unit">The election's unit (city), as its META gives it: <c>official</c> needs it to tell Poznań's <c>greedy-custom</c> apart.</param>
public sealed record RuleOptions(
    string Rule,
    Utility? Utility = null,
    Completion? Completion = null,
    bool Integral = false,
    bool Exhaustive = false,
    bool Comparison = false,
    TieBreak? TieBreak = null,
    string? Unit = null);
