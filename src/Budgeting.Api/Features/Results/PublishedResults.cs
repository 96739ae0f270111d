namespace Budgeting.Api.Features.Results;

/// <summary>The stored results of a published election.</summary>
/// <param name="ResultsJson">The JSON report of the tally (allocation vote: the aggregation) of <see cref="BallotsPb"/>.</param>
/// <param name="BallotsPb">The anonymised ballots: a Pabulib file, or for an allocation vote a CSV file (<c>ballots.csv</c>).</param>
/// <param name="ComputedAt">When they were computed (UTC, ISO 8601).</param>
/// <param name="ProjectsPb">A hierarchical budget's anonymised project ballots (<c>projects.pb</c>), else null.</param>
public sealed record PublishedResults(byte[] ResultsJson, byte[] BallotsPb, string ComputedAt, byte[]? ProjectsPb = null);
