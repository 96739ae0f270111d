namespace Budgeting.Api.Features.Elections;

/// <summary>
/// A policy area of an allocation ballot, with the city's optional floor and ceiling. In a hierarchical budget the area
/// also carries its projects: after the allocation vote has set the area's amount, a project vote (approval ballots,
/// <see cref="Rule"/> or the election's <see cref="ElectionDefinition.ProjectRule"/>) funds projects within it.
/// </summary>
/// <param name="Id">The area's id, unique in the election.</param>
/// <param name="Name">Its name.</param>
/// <param name="Floor">The least it must receive (smallest currency unit), if any.</param>
/// <param name="Ceiling">The most it may receive, if any.</param>
/// <param name="Projects">Hierarchical budget: the area's projects (ids unique across all areas), in ballot order.</param>
/// <param name="Rule">Hierarchical budget: the tally rule of this area's project vote, overriding the election's project rule.</param>
public sealed record AreaDefinition(
    string Id,
    string Name,
    long? Floor = null,
    long? Ceiling = null,
    IReadOnlyList<ProjectDefinition>? Projects = null,
    RuleDefinition? Rule = null);
