namespace Budgeting.Api.Features.Elections;

/// <summary>A policy area of an allocation ballot, with the city's optional floor and ceiling.</summary>
/// <param name="Id">The area's id, unique in the election.</param>
/// <param name="Name">Its name.</param>
/// <param name="Floor">The least it must receive (smallest currency unit), if any.</param>
/// <param name="Ceiling">The most it may receive, if any.</param>
public sealed record AreaDefinition(string Id, string Name, long? Floor = null, long? Ceiling = null);
