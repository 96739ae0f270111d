namespace Budgeting.Elections;

/// <summary>
/// The rules of an election's life cycle: which stage follows which, the stable names used in files and
/// on the wire, and what may still change at each stage.
/// </summary>
public static class ElectionStages
{
    private static readonly string[] Names =
        ["draft", "pool-loaded", "lottery-committed", "panel-drawn", "voting-open", "voting-closed", "published"];

    /// <summary>The stage's stable name, for example <c>lottery-committed</c>.</summary>
    public static string ToName(this ElectionStage stage) => Names[(int)stage];

    /// <summary>Parses a stage name as <see cref="ToName"/> writes it (case-insensitive).</summary>
    /// <exception cref="ArgumentException">The name is not a stage.</exception>
    public static ElectionStage Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var index = Array.FindIndex(Names, n => string.Equals(n, name.Trim(), StringComparison.OrdinalIgnoreCase));
        return index >= 0
            ? (ElectionStage)index
            : throw new ArgumentException($"Unknown election stage '{name}'; expected one of {string.Join(", ", Names)}.", nameof(name));
    }

    /// <summary>
    /// Whether the election's definition (projects, budget, ballot type and limits, rule, tie-break order) may
    /// still change: only until voting opens, so that nobody changes the rules of a vote already under way.
    /// </summary>
    public static bool DefinitionEditable(this ElectionStage stage) => stage < ElectionStage.VotingOpen;

    /// <summary>Whether ballots are accepted (online or paper).</summary>
    public static bool AcceptsBallots(this ElectionStage stage) => stage == ElectionStage.VotingOpen;

    /// <summary>Whether the public may read the election's result, ballots and audit bundle.</summary>
    public static bool IsPublic(this ElectionStage stage) => stage == ElectionStage.Published;

    /// <summary>
    /// Checks that an election may move from <paramref name="from"/> to <paramref name="to"/>: exactly one step
    /// forward. Returns <see langword="null"/> when it may, and otherwise a sentence saying why not.
    /// </summary>
    public static string? CheckTransition(ElectionStage from, ElectionStage to)
    {
        if (to == from + 1)
        {
            return null;
        }

        if (to <= from)
        {
            return $"The election is already {from.ToName()}; it cannot go back to {to.ToName()}.";
        }

        return $"The election is {from.ToName()}; it must be {(to - 1).ToName()} before it can become {to.ToName()}.";
    }
}
