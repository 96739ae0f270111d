namespace Budgeting.Elections;

/// <summary>A project on the ballot.</summary>
/// <param name="Id">The project's identifier, unique within the election.</param>
/// <param name="Cost">What the project costs, in the smallest currency unit. Always positive.</param>
/// <param name="Name">A human-readable name, if known.</param>
/// <param name="Category">Categories, comma-separated as in Pabulib, if known.</param>
/// <param name="Target">Target groups or district, comma-separated as in Pabulib, if known.</param>
public sealed record Project(string Id, long Cost, string? Name = null, string? Category = null, string? Target = null);
