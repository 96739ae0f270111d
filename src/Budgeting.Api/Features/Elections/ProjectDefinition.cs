namespace Budgeting.Api.Features.Elections;

/// <summary>A project on the ballot.</summary>
/// <param name="Id">The project's id, unique in the election.</param>
/// <param name="Name">Its name.</param>
/// <param name="Cost">Its cost, in the currency's smallest unit.</param>
/// <param name="Description">What it is, shown on the ballot page.</param>
/// <param name="Category">Optional category (for hierarchical budgets: the area it belongs to).</param>
public sealed record ProjectDefinition(string Id, string Name, long Cost, string? Description = null, string? Category = null);
