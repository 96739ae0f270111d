namespace Budgeting.Api.Features.Ballots;

/// <summary>A panelist's current ballot, as stored: the last submission counts.</summary>
/// <param name="Ballot">What the ballot says.</param>
/// <param name="Source"><c>online</c> or <c>paper</c>.</param>
/// <param name="Revision">1 for the first submission, one more for each change.</param>
/// <param name="SubmittedAt">When the last submission was stored (UTC, ISO 8601).</param>
/// <param name="Receipt">The receipt code of this revision (see <see cref="BallotReceipt"/>).</param>
public sealed record BallotView(BallotRequest Ballot, string Source, int Revision, string SubmittedAt, string Receipt);
