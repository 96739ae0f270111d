namespace Budgeting.Tallying.Allocation;

/// <summary>
/// An allocation vote: a budget to split across areas (policy areas, departments). Each panelist proposes integer
/// amounts per area that add up to the budget; the city may set a floor (statutory minimum) and a ceiling per area.
/// </summary>
public sealed record AllocationElection
{
    /// <summary>Creates the election.</summary>
    /// <param name="areas">
    /// The areas' names, unique and non-empty, in the order reports list them. A name may not start or end with
    /// whitespace: a hierarchical budget matches a project to its area by the project's trimmed category, so a padded
    /// name would never match.
    /// </param>
    /// <param name="budget">The budget, in the smallest currency unit; positive.</param>
    /// <param name="floors">Each area's least amount, parallel to <paramref name="areas"/>; all 0 when null.</param>
    /// <param name="ceilings">Each area's largest amount, parallel to <paramref name="areas"/>; all the budget when null.</param>
    /// <exception cref="ArgumentException">
    /// No areas, an empty, padded or repeated name, a non-positive budget, bounds of the wrong length, a floor above its
    /// ceiling or outside [0, budget], floors adding up to more than the budget or ceilings to less.
    /// </exception>
    public AllocationElection(IReadOnlyList<string> areas, long budget, IReadOnlyList<long>? floors = null, IReadOnlyList<long>? ceilings = null)
    {
        ArgumentNullException.ThrowIfNull(areas);
        if (areas.Count == 0)
        {
            throw new ArgumentException("An allocation needs at least one area.", nameof(areas));
        }

        if (budget <= 0)
        {
            throw new ArgumentException($"The budget must be positive, not {budget}.", nameof(budget));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var area in areas)
        {
            if (string.IsNullOrWhiteSpace(area))
            {
                throw new ArgumentException("An area name is empty.", nameof(areas));
            }

            if (char.IsWhiteSpace(area[0]) || char.IsWhiteSpace(area[^1]))
            {
                throw new ArgumentException(
                    $"Area '{area}' starts or ends with whitespace; an area's name must be exactly the name its projects' category gives.",
                    nameof(areas));
            }

            if (!seen.Add(area))
            {
                throw new ArgumentException($"Area '{area}' appears twice.", nameof(areas));
            }
        }

        var low = floors ?? new long[areas.Count];
        var high = ceilings ?? Enumerable.Repeat(budget, areas.Count).ToArray();
        if (low.Count != areas.Count || high.Count != areas.Count)
        {
            throw new ArgumentException("Floors and ceilings must give one amount per area.");
        }

        long floorSum = 0, ceilingSum = 0;
        for (var j = 0; j < areas.Count; j++)
        {
            if (low[j] < 0 || high[j] > budget || low[j] > high[j])
            {
                throw new ArgumentException($"Area '{areas[j]}': floor {low[j]} and ceiling {high[j]} must satisfy 0 <= floor <= ceiling <= budget {budget}.");
            }

            floorSum += low[j];
            ceilingSum = Math.Min(ceilingSum + high[j], long.MaxValue / 2);
        }

        if (floorSum > budget)
        {
            throw new ArgumentException($"The floors add up to {floorSum}, more than the budget {budget}.");
        }

        if (ceilingSum < budget)
        {
            throw new ArgumentException($"The ceilings add up to {ceilingSum}, less than the budget {budget}.");
        }

        Areas = areas;
        Budget = budget;
        Floors = low;
        Ceilings = high;
    }

    /// <summary>The areas' names, in report order.</summary>
    public IReadOnlyList<string> Areas { get; }

    /// <summary>The budget, in the smallest currency unit.</summary>
    public long Budget { get; }

    /// <summary>Each area's floor (0 when the city set none).</summary>
    public IReadOnlyList<long> Floors { get; }

    /// <summary>Each area's ceiling (the budget when the city set none).</summary>
    public IReadOnlyList<long> Ceilings { get; }

    /// <summary>The index of the area with this name, or -1.</summary>
    public int IndexOf(string area)
    {
        for (var j = 0; j < Areas.Count; j++)
        {
            if (string.Equals(Areas[j], area, StringComparison.Ordinal))
            {
                return j;
            }
        }

        return -1;
    }
}
