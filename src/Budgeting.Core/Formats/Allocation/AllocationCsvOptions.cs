namespace Budgeting.Formats.Allocation;

/// <summary>What the city fixed before the vote, against which an allocation CSV file is checked.</summary>
/// <param name="Areas">The areas the header must name (in any order), or null to take the header's areas as they are.</param>
/// <param name="Floors">Area name → least amount.</param>
/// <param name="Ceilings">Area name → largest amount.</param>
public sealed record AllocationCsvOptions(
    IReadOnlyList<string>? Areas = null,
    IReadOnlyDictionary<string, long>? Floors = null,
    IReadOnlyDictionary<string, long>? Ceilings = null);
