using Budgeting.Elections;
using Budgeting.Formats.Pabulib;

namespace Budgeting.Tallying.Rules;

/// <summary>
/// <c>official</c>: the rule the election itself declares in Pabulib's <c>rule</c> META field (<see cref="Election.Rule"/>),
/// run on scores recomputed from the ballots. The mapping:
/// <list type="table">
/// <item><term><c>greedy</c>, <c>greedy-threshold</c></term><description><see cref="Greedy"/> with <see cref="GreedyVariant.Skip"/>. The threshold comes from <c>min_project_score_threshold</c>, which every greedy variant honours.</description></item>
/// <item><term><c>greedy-exclusive</c></term><description><see cref="GreedyVariant.Skip"/> as well: Pabulib uses this name for Warsaw elections in which the city additionally
/// dropped projects that could not be built together with a better-voted one (same site). The conflicts are stated only in prose in the META
/// <c>comment</c>, if at all, so they cannot be applied; where they changed the outcome the conformance table lists the file.</description></item>
/// <item><term><c>greedy-no-skip</c></term><description><see cref="GreedyVariant.NoSkip"/>.</description></item>
/// <item><term><c>greedy-custom</c> in Poznań</term><description><see cref="GreedyVariant.NoSkipWithEightyPercent"/> (Poznań's 80% clause). Elsewhere <c>greedy-custom</c> names an ad-hoc procedure and is not supported.</description></item>
/// <item><term><c>equalshares/add1</c>, <c>equalshares/add1-comparison</c></term><description>The Method of Equal Shares with cost utilities, integral add1 completion, no exhaustiveness stop (and the comparison step for the latter).</description></item>
/// <item><term><c>unknown</c></term><description>Not supported: the file does not say how it was decided.</description></item>
/// </list>
/// Source: the rule names of Pabulib's format (Faliszewski et al., "Participatory Budgeting: Data, Tools, and Analysis", IJCAI 2023, and pabulib.org/format).
/// </summary>
/// <param name="tieBreak">The order that breaks ties in the delegated rule.</param>
public sealed class Official(TieBreak tieBreak) : ITallyRule
{
    /// <summary>The unit (city) whose <c>greedy-custom</c> is the 80% clause, as spelled in Pabulib's <c>unit</c> field.</summary>
    public const string PoznanUnit = "Poznań";

    /// <summary>The tie-breaking order passed to the delegated rule.</summary>
    public TieBreak TieBreak { get; } = tieBreak ?? throw new ArgumentNullException(nameof(tieBreak));

    /// <summary>The unit (city) of the election, needed to tell Poznań's <c>greedy-custom</c> from others; null when unknown.</summary>
    public string? Unit { get; init; }

    /// <inheritdoc/>
    public string Name => "official";

    /// <summary>The official rule for a Pabulib file: takes the unit (city) from its META.</summary>
    public static Official For(PabulibFile file, TieBreak tieBreak)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new Official(tieBreak) { Unit = file.MetaValue("unit") };
    }

    /// <summary>The concrete rule <c>official</c> runs for an election declaring <paramref name="rule"/> in <paramref name="unit"/>.</summary>
    /// <exception cref="NotSupportedException">The declared rule is <c>unknown</c>, not a rule this engine knows, or a <c>greedy-custom</c> outside Poznań.</exception>
    public ITallyRule Resolve(string rule, string? unit)
    {
        ArgumentNullException.ThrowIfNull(rule);
        switch (rule.Trim().ToLowerInvariant())
        {
            case "greedy" or "greedy-threshold" or "greedy-exclusive":
                return new Greedy(GreedyVariant.Skip, TieBreak);
            case "greedy-no-skip":
                return new Greedy(GreedyVariant.NoSkip, TieBreak);
            case "greedy-custom" when string.Equals(unit?.Trim(), PoznanUnit, StringComparison.OrdinalIgnoreCase):
                return new Greedy(GreedyVariant.NoSkipWithEightyPercent, TieBreak);
            case "greedy-custom":
                throw new NotSupportedException(unit is null
                    ? $"The rule 'greedy-custom' is defined only for {PoznanUnit} (the 80% clause), and the election's unit is not known: set Official.Unit, as Official.For(file) does."
                    : $"The rule 'greedy-custom' is defined only for {PoznanUnit} (the 80% clause); in '{unit}' it names an ad-hoc procedure this engine cannot reproduce.");
            case "equalshares/add1" or "equalshares/add1-comparison":
                return new EqualShares(
                    new EqualSharesOptions(Utility.Cost, Completion.Add1, Integral: true, Exhaustive: false, Comparison: rule.Trim().EndsWith("-comparison", StringComparison.OrdinalIgnoreCase)),
                    TieBreak);
            case "unknown":
                throw new NotSupportedException("The election's rule is 'unknown': the file does not say how the outcome was decided, so there is no official rule to run.");
            default:
                throw new NotSupportedException($"The rule '{rule}' is not a Pabulib rule this engine knows.");
        }
    }

    /// <inheritdoc/>
    /// <exception cref="NotSupportedException">See <see cref="Resolve"/>.</exception>
    public Outcome Tally(Election election, Profile profile)
    {
        ArgumentNullException.ThrowIfNull(election);
        var outcome = Resolve(election.Rule, Unit).Tally(election, profile);
        return outcome with { Rule = $"official ({election.Rule}): {outcome.Rule}" };
    }
}
