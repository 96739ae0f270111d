namespace Budgeting.Audit;

/// <summary>One panelist's ballot with nothing that identifies the panelist: the projects and, for point ballots, their points.</summary>
/// <param name="Projects">The project ids the ballot names (in rank order for ordinal ballots).</param>
/// <param name="Points">For cumulative and scoring ballots, the points parallel to <paramref name="Projects"/>; otherwise null.</param>
public sealed record AnonymousBallot(IReadOnlyList<string> Projects, IReadOnlyList<int>? Points = null);
