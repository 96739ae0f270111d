namespace Budgeting.Elections;

/// <summary>
/// One panelist's ballot in a project vote, as cast: the projects it names by id and, for ballots that carry points
/// (cumulative, scoring), the points given to each. Check it with <see cref="BallotValidator"/> before counting it.
/// </summary>
/// <param name="Projects">The project ids the ballot names; best first for ordinal ballots, in any order otherwise.</param>
/// <param name="Points">The points given to each project, parallel to <paramref name="Projects"/>; only for cumulative and scoring ballots.</param>
public sealed record CastBallot(IReadOnlyList<string> Projects, IReadOnlyList<long>? Points = null);
