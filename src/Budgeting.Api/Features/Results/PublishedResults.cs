namespace Budgeting.Api.Features.Results;

/// <summary>The stored results of a published election.</summary>
/// <param name="ResultsJson">The JSON report of the tally of <see cref="BallotsPb"/>.</param>
/// <param name="BallotsPb">The anonymised ballots, a Pabulib file.</param>
/// <param name="ComputedAt">When they were computed (UTC, ISO 8601).</param>
public sealed record PublishedResults(byte[] ResultsJson, byte[] BallotsPb, string ComputedAt);
