namespace Budgeting.Api.Features.Ballots;

/// <summary>
/// The answer to a stored ballot. The receipt code is the start of the SHA-256 of the election, the revision and the
/// ballot as stored, so the panelist can see that the ballot the page shows later is the one acknowledged.
/// </summary>
/// <param name="ElectionId">The election.</param>
/// <param name="Revision">1 for the first submission, one more for each change.</param>
/// <param name="SubmittedAt">When it was stored (UTC, ISO 8601).</param>
/// <param name="Receipt">The receipt code, such as <c>3F2A-91BC-07DE-55A1</c>.</param>
public sealed record BallotReceipt(long ElectionId, int Revision, string SubmittedAt, string Receipt);
