namespace Budgeting.Elections;

/// <summary>A paper ballot read from an officials' CSV file, for one panelist.</summary>
/// <param name="Line">The 1-based line of the file it was read from (line 1 is the header).</param>
/// <param name="PersonId">The panelist's id in the pool.</param>
/// <param name="Ballot">The ballot, already checked against the election with <see cref="BallotValidator"/>.</param>
public sealed record PaperBallot(int Line, string PersonId, CastBallot Ballot);
