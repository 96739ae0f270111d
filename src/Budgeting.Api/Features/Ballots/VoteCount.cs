namespace Budgeting.Api.Features.Ballots;

/// <summary>How many panelists have voted (never what): what officials may see while voting runs.</summary>
/// <param name="ElectionId">The election.</param>
/// <param name="Panelists">Active panelists.</param>
/// <param name="Voted">Panelists with a ballot.</param>
/// <param name="Online">Of those, ballots last submitted online.</param>
/// <param name="Paper">Of those, ballots last entered from paper.</param>
public sealed record VoteCount(long ElectionId, long Panelists, long Voted, long Online, long Paper);
