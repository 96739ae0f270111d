namespace Budgeting.Api.Features.Elections;

/// <summary>An election as officials see it.</summary>
/// <param name="Id">The election's id.</param>
/// <param name="Stage">Its stage, for example <c>voting-open</c>.</param>
/// <param name="Definition">Its definition.</param>
/// <param name="CreatedAt">When it was created (UTC, ISO 8601).</param>
/// <param name="UpdatedAt">When it last changed (UTC, ISO 8601).</param>
public sealed record ElectionView(long Id, string Stage, ElectionDefinition Definition, string CreatedAt, string UpdatedAt);
