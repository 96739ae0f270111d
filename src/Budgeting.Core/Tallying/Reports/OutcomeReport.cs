using Budgeting.Elections;

namespace Budgeting.Tallying.Reports;

/// <summary>
/// Everything an outcome report shows, gathered once so that the text and JSON renderings
/// (<see cref="TextReport"/>, <see cref="JsonReport"/>) say the same thing. Build one with <see cref="Create"/>.
/// </summary>
/// <param name="Source">Where the election came from (a file name), if known.</param>
/// <param name="Rule">The rule and its options, as the outcome records it.</param>
/// <param name="BallotKind">The kind of ballot.</param>
/// <param name="VoterCount">How many voters voted.</param>
/// <param name="ProjectCount">How many projects stood.</param>
/// <param name="Budget">The budget.</param>
/// <param name="TotalCost">What the funded projects cost together.</param>
/// <param name="Funded">The funded projects, in funding order.</param>
/// <param name="TieBreak">The tie-breaking order used.</param>
/// <param name="Ties">The ties the rule broke.</param>
/// <param name="TieNotes">One sentence per tie that decided the outcome, naming the projects.</param>
/// <param name="Explanations">Why each project was funded or not, in the order the rule decided (by round).</param>
/// <param name="Metrics">Voter metrics of the outcome.</param>
public sealed record OutcomeReport(
    string? Source,
    string Rule,
    BallotKind BallotKind,
    long VoterCount,
    int ProjectCount,
    long Budget,
    long TotalCost,
    IReadOnlyList<ReportedProject> Funded,
    TieBreak TieBreak,
    IReadOnlyList<Tie> Ties,
    IReadOnlyList<string> TieNotes,
    IReadOnlyList<Explanation> Explanations,
    IReadOnlyList<ReportMetric> Metrics)
{
    /// <summary>The budget left unspent.</summary>
    public long Leftover => Budget - TotalCost;

    /// <summary>Gathers the report of <paramref name="outcome"/> on this election.</summary>
    /// <param name="election">The election that was tallied.</param>
    /// <param name="profile">Its ballots.</param>
    /// <param name="outcome">What the rule decided.</param>
    /// <param name="source">Where the election came from, for the heading.</param>
    public static OutcomeReport Create(Election election, Profile profile, Outcome outcome, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(outcome);
        var scores = Scores.Compute(election, profile);
        var supporters = Scores.Supporters(profile);
        var funded = outcome.Selected
            .Select(i => new ReportedProject(election.Projects[i].Id, election.Projects[i].Name, election.Projects[i].Cost, scores[i], supporters[i]))
            .ToList();
        var notes = outcome.Ties
            .Where(t => t.OutcomeChanging)
            .Select(t => TieNote(t, outcome.TieBreak))
            .ToList();
        return new OutcomeReport(
            source,
            outcome.Rule,
            election.BallotKind,
            profile.VoterCount,
            election.Projects.Count,
            outcome.Budget,
            outcome.TotalCost,
            funded,
            outcome.TieBreak,
            outcome.Ties,
            notes,
            outcome.Explanations.OrderBy(e => e.Round).ToList(),
            VoterMetricRows.Compute(election, profile, outcome));
    }

    /// <summary>Lists names the way a sentence does: "A", "A and B", "A, B and C".</summary>
    internal static string Join(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "none",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };

    /// <summary>Project ids sorted as the <c>id</c> tie-break sorts them (numbers by value), for sentences.</summary>
    internal static IReadOnlyList<string> ById(IEnumerable<string> ids) => ids.Order(Comparer<string>.Create(TieBreak.CompareIds)).ToList();

    private static string TieNote(Tie tie, TieBreak order) =>
        $"A tie decided the outcome at {tie.Step}: projects {Join(ById(tie.ProjectIds))} were tied, and the tie-break order ({order}) chose {Join(ById(tie.ChosenIds))}.";
}
