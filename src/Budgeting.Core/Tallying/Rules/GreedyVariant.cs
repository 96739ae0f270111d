namespace Budgeting.Tallying.Rules;

/// <summary>The members of the greedy family.</summary>
public enum GreedyVariant
{
    /// <summary>By score, skipping projects that do not fit (<c>greedy</c>).</summary>
    Skip,

    /// <summary>By score, stopping at the first project that does not fit (<c>greedy-no-skip</c>).</summary>
    NoSkip,

    /// <summary>Poznań's <c>greedy-custom</c>: stop at the first project that does not fit, and fund it too if the money left covers at least 80% of its cost.</summary>
    NoSkipWithEightyPercent,
}
