using Budgeting.Arithmetic;

namespace Budgeting.Tallying.Allocation;

/// <summary>The aggregate allocation a rule decided, exactly and in whole currency units, and why.</summary>
/// <param name="Rule">The rule's name.</param>
/// <param name="Areas">The areas, in the election's order.</param>
/// <param name="Budget">The budget.</param>
/// <param name="Fractions">Each area's exact share of the budget; they add up to exactly 1.</param>
/// <param name="Amounts">Each area's amount: the fractions of the budget rounded by largest remainder (ties to the earlier area); they add up to the budget.</param>
/// <param name="Explanations">For each area, what set its value.</param>
/// <param name="Time">Moving phantom mechanisms: the time t* at which the medians add up to 1; otherwise null.</param>
/// <param name="Notes">Remarks for people, such as the median falling back to the mean.</param>
public sealed record AllocationOutcome(
    string Rule,
    IReadOnlyList<string> Areas,
    long Budget,
    IReadOnlyList<Rational> Fractions,
    IReadOnlyList<long> Amounts,
    IReadOnlyList<AreaExplanation> Explanations,
    Rational? Time,
    IReadOnlyList<string> Notes);
