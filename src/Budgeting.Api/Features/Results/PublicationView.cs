namespace Budgeting.Api.Features.Results;

/// <summary>What publishing answers: where the results and the audit bundle are, and what was funded (or allocated).</summary>
/// <param name="ElectionId">The election.</param>
/// <param name="Stage">Its stage, now <c>published</c>.</param>
/// <param name="Voters">How many ballots were counted.</param>
/// <param name="Selected">The funded project ids, in funding order.</param>
/// <param name="ResultsUrl">The public results JSON.</param>
/// <param name="ResultsPageUrl">The public results page.</param>
/// <param name="AuditBundleUrl">The public audit bundle.</param>
/// <param name="Allocation">For an allocation vote: the amount of each area, by area id (<see cref="Selected"/> is then empty).</param>
public sealed record PublicationView(
    long ElectionId,
    string Stage,
    long Voters,
    IReadOnlyList<string> Selected,
    string ResultsUrl,
    string ResultsPageUrl,
    string AuditBundleUrl,
    IReadOnlyDictionary<string, long>? Allocation = null);
