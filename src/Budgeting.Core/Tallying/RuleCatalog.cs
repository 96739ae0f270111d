using Budgeting.Tallying.Rules;

namespace Budgeting.Tallying;

/// <summary>
/// Turns a rule name and options (<see cref="RuleOptions"/>) into an <see cref="ITallyRule"/>. The one
/// place where the CLI and the web service learn which rules exist and which options each takes.
/// </summary>
public static class RuleCatalog
{
    /// <summary>The rule names, in the order help texts list them.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["greedy", "greedy-no-skip", "official", "equal-shares", "phragmen", "max-welfare"];

    /// <summary>Creates the rule <paramref name="options"/> names, configured by them.</summary>
    /// <exception cref="ArgumentException">
    /// The rule name is unknown, or an option is given that the rule does not take (for example a completion with greedy,
    /// or <c>integral</c> without add1 completion). The message names the rule and the option.
    /// </exception>
    public static ITallyRule Create(RuleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var name = options.Rule?.Trim().ToLowerInvariant() ?? string.Empty;
        var tieBreak = options.TieBreak ?? TieBreak.Default;
        switch (name)
        {
            case "greedy":
            case "greedy-no-skip":
            case "official":
            case "phragmen":
            case "max-welfare":
                RejectEqualSharesOptions(name, options);
                return CreateSimple(name, tieBreak, options.Unit);
            case "equal-shares":
                return CreateEqualShares(options, tieBreak);
            default:
                throw new ArgumentException(
                    $"Unknown rule '{options.Rule}'; expected one of {string.Join(", ", Names)}.");
        }
    }

    private static ITallyRule CreateSimple(string name, TieBreak tieBreak, string? unit) => name switch
    {
        "greedy" => new Greedy(GreedyVariant.Skip, tieBreak),
        "greedy-no-skip" => new Greedy(GreedyVariant.NoSkip, tieBreak),
        "official" => new Official(tieBreak) { Unit = unit },
        "phragmen" => new Phragmen(tieBreak),
        _ => new MaxWelfare(tieBreak),
    };

    private static ITallyRule CreateEqualShares(RuleOptions options, TieBreak tieBreak)
    {
        var completion = options.Completion ?? Completion.None;
        if (completion == Completion.None)
        {
            if (options.Integral)
            {
                throw new ArgumentException("Option 'integral' applies only to equal-shares with completion add1 or add1u.");
            }

            if (options.Exhaustive)
            {
                throw new ArgumentException("Option 'exhaustive' applies only to equal-shares with completion add1 or add1u.");
            }
        }

        var settings = new EqualSharesOptions(options.Utility ?? Utility.Cost, completion, options.Integral, options.Exhaustive, options.Comparison);
        return new EqualShares(settings, tieBreak);
    }

    private static void RejectEqualSharesOptions(string name, RuleOptions options)
    {
        string? given = options switch
        {
            { Utility: not null } => "utility",
            { Completion: not null } => "completion",
            { Integral: true } => "integral",
            { Exhaustive: true } => "exhaustive",
            { Comparison: true } => "comparison",
            _ => null,
        };
        if (given is not null)
        {
            throw new ArgumentException($"Option '{given}' does not apply to rule '{name}'; only equal-shares takes it.");
        }
    }
}
