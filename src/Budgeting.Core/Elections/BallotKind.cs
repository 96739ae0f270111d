namespace Budgeting.Elections;

/// <summary>The kind of ballot voters cast, as named by Pabulib's <c>vote_type</c>.</summary>
public enum BallotKind
{
    /// <summary>Each voter approves a set of projects (<c>approval</c>).</summary>
    Approval,

    /// <summary>Each voter approves exactly one project (<c>choose-1</c>).</summary>
    ChooseOne,

    /// <summary>Each voter spreads a fixed number of points over projects (<c>cumulative</c>).</summary>
    Cumulative,

    /// <summary>Each voter gives each project a score on a scale (<c>scoring</c>).</summary>
    Scoring,

    /// <summary>Each voter ranks projects, best first (<c>ordinal</c>).</summary>
    Ordinal,
}
