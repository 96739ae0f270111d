namespace Budgeting.Sortition.Selection;

/// <summary>Whether any panel meets the quotas and the one-per-household rule, and what to do when none does.</summary>
/// <param name="Feasible">Whether at least one panel of the requested size meets every quota and the household rule.</param>
/// <param name="Conflict">When infeasible: a set of quota bounds that cannot all hold together (found by CP-SAT as
/// sufficient assumptions for infeasibility). Empty when feasible, or when the panel size and households alone are impossible.</param>
/// <param name="Relaxation">When infeasible: the smallest change to the quotas (least total units moved), within
/// min_flex/max_flex, that makes a panel possible; null when feasible or when no change within the flex bounds suffices.</param>
/// <param name="ImpossiblePeople">When feasible: the people (indices into <see cref="Pool.People"/>) who are on no
/// feasible panel, so every algorithm gives them probability 0.</param>
public sealed record FeasibilityReport(
    bool Feasible,
    IReadOnlyList<QuotaBound> Conflict,
    IReadOnlyList<QuotaRelaxation>? Relaxation,
    IReadOnlyList<int> ImpossiblePeople)
{
    /// <summary>The report in words: a line saying whether a panel is possible, then the conflict and the relaxation.</summary>
    public string Describe()
    {
        if (Feasible)
        {
            return ImpossiblePeople.Count == 0
                ? "The quotas are feasible; every person is on at least one feasible panel."
                : $"The quotas are feasible; {ImpossiblePeople.Count} people are on no feasible panel and get probability 0.";
        }

        var lines = new List<string> { "No panel meets the quotas and the one-per-household rule." };
        lines.Add(Conflict.Count > 0
            ? "These quotas conflict: " + string.Join("; ", Conflict) + "."
            : "The panel size cannot be reached with one person per household, whatever the quotas.");
        lines.Add(Relaxation is null
            ? "No relaxation within min_flex/max_flex makes a panel possible."
            : "Smallest relaxation within min_flex/max_flex: " + string.Join("; ", Relaxation) + ".");
        return string.Join("\n", lines);
    }
}
