using Budgeting.Api.Features.Elections;

namespace Budgeting.Api.Features.Results;

/// <summary>A published election as the public sees it.</summary>
/// <param name="Id">The election's id.</param>
/// <param name="Stage">Its stage (<c>published</c>).</param>
/// <param name="Definition">The definition the panel voted on.</param>
/// <param name="PublishedAt">When the results were published (UTC, ISO 8601), or null before publication (officials only).</param>
public sealed record PublicElectionView(long Id, string Stage, ElectionDefinition Definition, string? PublishedAt);
