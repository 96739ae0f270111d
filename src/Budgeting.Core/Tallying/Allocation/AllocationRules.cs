namespace Budgeting.Tallying.Allocation;

/// <summary>The allocation rules by name: the one place where the CLI and the web service learn which exist.</summary>
public static class AllocationRules
{
    /// <summary>The rule names, in the order help texts list them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["independent-markets", "piecewise-uniform", "median", "mean"];

    /// <summary>The rule called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">No rule has that name.</exception>
    public static IAllocationRule Create(string name) => name?.Trim().ToLowerInvariant() switch
    {
        "independent-markets" => new IndependentMarkets(),
        "piecewise-uniform" => new PiecewiseUniform(),
        "median" => new MedianAllocation(),
        "mean" => new MeanAllocation(),
        _ => throw new ArgumentException($"Unknown allocation rule '{name}'; expected one of {string.Join(", ", Names)}."),
    };
}
